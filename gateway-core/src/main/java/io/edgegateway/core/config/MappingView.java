package io.edgegateway.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The keys of a YAML mapping, read against a {@link Section}, with the position of every key and
 * value. Non-scalar, duplicate and unknown keys are reported when it is created. {@code anchor} is
 * where errors about the mapping as a whole go: the key that holds it, the list element, or the
 * document start when it is absent.
 *
 * <p>An empty value ({@code key:} or {@code ~}) means the key's default.
 */
final class MappingView {
  /** An element of a YAML list, with its path, e.g. {@code ros2.topics[2]}. */
  record Element(Node node, String path) {}

  /** A key of a free-form map (labels, properties, streams) with its value. */
  record Entry<V>(String name, Position keyPos, String path, @Nullable V value) {}

  private final BindContext context;
  private final ErrorCollector errors;
  private final String path;
  private final Position anchor;
  private final Section section;

  /** The mapping is in the file with a non-empty value. */
  private final boolean present;

  /** The value is a mapping or absent, so its keys can be read. */
  private final boolean usable;

  /** Errors reported before this mapping was read; more means it or its keys had errors. */
  private final int errorsBefore;

  private final Map<String, NodeTuple> tuples = new LinkedHashMap<>();
  private int unknownKeys;

  MappingView(
      @Nullable Node node, Section section, String path, Position anchor, BindContext context) {
    this.context = context;
    this.errors = context.errors();
    this.errorsBefore = errors.count();
    this.path = path;
    this.anchor = anchor;
    this.section = section;
    this.present = !isNull(node);
    if (node == null || isNull(node)) {
      usable = true;
      return;
    }
    if (!(node instanceof MappingNode)) {
      errors.report(Position.of(node), path, ConfigMessages.expected("a mapping", node));
      usable = false;
      return;
    }
    usable = true;
    for (Entry<NodeTuple> entry : entriesOf((MappingNode) node, path)) {
      if (section.has(entry.name())) {
        tuples.put(entry.name(), Objects.requireNonNull(entry.value(), "tuple"));
      } else {
        unknownKeys++;
        errors.report(
            entry.keyPos(), entry.path(), ConfigMessages.unknownKey(entry.name(), section.names()));
      }
    }
  }

  /** Whether {@code node} is absent or an empty value. */
  static boolean isNull(@Nullable Node node) {
    return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  /** The non-null values of {@code entries}, by name, in file order. */
  static Map<String, String> values(List<Entry<String>> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Entry<String> entry : entries) {
      if (entry.value() != null) {
        map.put(entry.name(), entry.value());
      }
    }
    return map;
  }

  /** Key path of this mapping, e.g. {@code ros2.topics[2].qos}. */
  String path() {
    return path;
  }

  Position anchor() {
    return anchor;
  }

  /** The mapping is in the file with a non-empty value. */
  boolean present() {
    return present;
  }

  /** The value is a mapping or absent, so its keys can be read. */
  boolean usable() {
    return usable;
  }

  /** How many keys of the mapping were unknown (each reported). */
  int unknownKeys() {
    return unknownKeys;
  }

  /** Whether an error was reported since this mapping was created: about it, or read after it. */
  boolean hasErrors() {
    return errors.count() > errorsBefore;
  }

  /**
   * The record of this mapping made by {@code constructor}; null when an error was reported since
   * the mapping was created, or when the constructor refuses the values (see {@link
   * ErrorCollector#build}).
   */
  <T> @Nullable T build(Supplier<T> constructor) {
    return hasErrors() ? null : errors.build(anchor, path, constructor);
  }

  String path(Key<?> key) {
    return join(path, key.name());
  }

  /** Whether {@code key} is given with a non-empty value. */
  boolean has(Key<?> key) {
    NodeTuple tuple = tuples.get(key.name());
    return tuple != null && !isNull(tuple.getValueNode());
  }

  private @Nullable Node value(Key<?> key) {
    NodeTuple tuple = tuples.get(key.name());
    return tuple == null ? null : tuple.getValueNode();
  }

  Position keyPos(Key<?> key) {
    NodeTuple tuple = tuples.get(key.name());
    return tuple == null ? anchor : Position.of(tuple.getKeyNode());
  }

  Position valuePos(Key<?> key) {
    Node value = value(key);
    return value == null ? anchor : Position.of(value);
  }

  /**
   * The value of a scalar key: parsed, or its default when absent or empty, or null when it is
   * invalid or absent without default (both reported if the key is required).
   */
  <T> @Nullable T get(Key<T> key) {
    Node node = value(key);
    if (node == null || isNull(node)) {
      if (key.isRequired() && usable) {
        errors.report(
            node == null ? anchor : Position.of(node),
            path(key),
            node == null ? "required key is missing" : "required key has an empty value");
      }
      return key.defaultValue().orElse(null);
    }
    return context.scalars().read(node, path(key), key.type());
  }

  /** The nested mapping of a section key; empty (all defaults) when absent. */
  MappingView section(Key<?> key) {
    Node node = value(key);
    Section nested = key.section().orElseThrow();
    return context.mapping(node, nested, path(key), node == null ? anchor : keyPos(key));
  }

  /** The elements of a list key; empty when absent. */
  List<Element> elements(Key<?> key) {
    Node node = value(key);
    if (node == null || isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode)) {
      errors.report(Position.of(node), path(key), ConfigMessages.expected("a list", node));
      return List.of();
    }
    List<Element> elements = new ArrayList<>();
    List<Node> items = ((SequenceNode) node).getValue();
    for (int i = 0; i < items.size(); i++) {
      elements.add(new Element(items.get(i), path(key) + "[" + i + "]"));
    }
    return elements;
  }

  /** The scalars of a list key, each parsed as the key's type (null where invalid). */
  <T> List<T> scalars(Key<T> key) {
    List<T> values = new ArrayList<>();
    for (Element element : elements(key)) {
      values.add(context.scalars().read(element.node(), element.path(), key.type()));
    }
    return values;
  }

  /** The entries of a map key; empty when absent, null when it is not a mapping. */
  @Nullable List<Entry<Node>> entries(Key<?> key) {
    Node node = value(key);
    if (node == null || isNull(node)) {
      return List.of();
    }
    if (!(node instanceof MappingNode)) {
      errors.report(Position.of(node), path(key), ConfigMessages.expected("a mapping", node));
      return null;
    }
    List<Entry<Node>> entries = new ArrayList<>();
    for (Entry<NodeTuple> e : entriesOf((MappingNode) node, path(key))) {
      NodeTuple tuple = Objects.requireNonNull(e.value(), "entriesOf gives every tuple");
      entries.add(new Entry<>(e.name(), e.keyPos(), e.path(), tuple.getValueNode()));
    }
    return entries;
  }

  /** A map of strings; scalar values are substituted and kept as text. */
  List<Entry<String>> stringMap(Key<?> key) {
    List<Entry<Node>> entries = entries(key);
    List<Entry<String>> strings = new ArrayList<>();
    for (Entry<Node> e : entries == null ? List.<Entry<Node>>of() : entries) {
      if (e.name().isEmpty()) {
        errors.report(e.keyPos(), e.path(), "expected a non-empty key");
        continue;
      }
      Node node = Objects.requireNonNull(e.value(), "entries gives every value node");
      String value;
      if (isNull(node)) {
        errors.report(Position.of(node), e.path(), "expected a string, got an empty value");
        value = null;
      } else {
        value = context.scalars().read(node, e.path(), ValueType.string());
      }
      strings.add(new Entry<>(e.name(), e.keyPos(), e.path(), value));
    }
    return strings;
  }

  /** The keys of a mapping node; non-scalar and duplicate keys are reported and skipped. */
  private List<Entry<NodeTuple>> entriesOf(MappingNode node, String path) {
    Map<String, Position> seen = new LinkedHashMap<>();
    List<Entry<NodeTuple>> entries = new ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Position keyPos = Position.of(keyNode);
      if (!(keyNode instanceof ScalarNode)) {
        errors.report(keyPos, path, ConfigMessages.expected("a plain key", keyNode));
        continue;
      }
      String name = ((ScalarNode) keyNode).getValue();
      String keyPath = join(path, name);
      Position first = seen.putIfAbsent(name, keyPos);
      if (first != null) {
        errors.report(keyPos, keyPath, ConfigMessages.duplicateKey(first));
        continue;
      }
      entries.add(new Entry<>(name, keyPos, keyPath, tuple));
    }
    return entries;
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
