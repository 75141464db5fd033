package io.edgegateway.core.config;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One key of a YAML mapping in the config contract: its name, shape, type, default and description.
 * The loader uses keys to find values, report unknown keys and apply defaults; the reference
 * documentation is rendered from the same keys.
 */
final class Key<T> {
  /** What the value of a key looks like in YAML. */
  enum Shape {
    SCALAR,
    SECTION,
    SECTION_LIST,
    SCALAR_LIST,
    SECTION_MAP,
    STRING_MAP
  }

  private final String name;
  private final Shape shape;
  private final @Nullable ValueType<T> type; // null for sections and section lists
  private final @Nullable Section section;
  private final boolean required;
  private final @Nullable String defaultText;
  private final @Nullable T defaultValue;
  private final String defaultDoc;
  private final String description;

  private Key(
      String name,
      Shape shape,
      @Nullable ValueType<T> type,
      @Nullable Section section,
      boolean required,
      @Nullable String defaultText,
      String defaultDoc,
      String description) {
    this.name = Objects.requireNonNull(name, "name");
    this.shape = shape;
    this.type = type;
    this.section = section;
    this.required = required;
    this.defaultText = defaultText;
    this.defaultValue =
        defaultText == null ? null : Objects.requireNonNull(type, "type").parse(defaultText);
    this.defaultDoc = defaultDoc;
    this.description = Objects.requireNonNull(description, "description");
  }

  /** A scalar that must be present. */
  static <T> Key<T> required(String name, ValueType<T> type, String description) {
    return new Key<>(name, Shape.SCALAR, type, null, true, null, "required", description);
  }

  /** A scalar with a default, written as config text and parsed by {@code type}. */
  static <T> Key<T> withDefault(
      String name, ValueType<T> type, String defaultText, String description) {
    String doc = defaultText.isEmpty() ? "`\"\"`" : "`" + defaultText + "`";
    return new Key<>(name, Shape.SCALAR, type, null, false, defaultText, doc, description);
  }

  /** A scalar that may be absent and has no default. */
  static <T> Key<T> optional(String name, ValueType<T> type, String description) {
    return new Key<>(name, Shape.SCALAR, type, null, false, null, "—", description);
  }

  /** A scalar whose default depends on other keys; {@code defaultDoc} says how. */
  static <T> Key<T> derived(String name, ValueType<T> type, String defaultDoc, String description) {
    return new Key<>(name, Shape.SCALAR, type, null, false, null, defaultDoc, description);
  }

  /** A nested mapping; {@code defaultDoc} says what its absence means. */
  static Key<Void> section(String name, Section section, String defaultDoc, String description) {
    return new Key<>(name, Shape.SECTION, null, section, false, null, defaultDoc, description);
  }

  /** A list of mappings. */
  static Key<Void> sectionList(String name, Section element, String description) {
    return new Key<>(name, Shape.SECTION_LIST, null, element, false, null, "`[]`", description);
  }

  /** A list of scalars of one type. */
  static <T> Key<T> scalarList(String name, ValueType<T> type, String description) {
    return new Key<>(name, Shape.SCALAR_LIST, type, null, false, null, "`[]`", description);
  }

  /** A map from names of type {@code nameType} to mappings. */
  static Key<String> sectionMap(
      String name, ValueType<String> nameType, Section value, String defaultDoc, String desc) {
    return new Key<>(name, Shape.SECTION_MAP, nameType, value, false, null, defaultDoc, desc);
  }

  /** A map from strings to scalars, kept as strings. */
  static Key<String> stringMap(String name, String description) {
    return new Key<>(
        name, Shape.STRING_MAP, ValueType.string(), null, false, null, "`{}`", description);
  }

  String name() {
    return name;
  }

  Shape shape() {
    return shape;
  }

  /** Type of a scalar, of list elements, or of map keys of a section map. */
  ValueType<T> type() {
    return Objects.requireNonNull(
        type, () -> "key " + name + " is a section and has no value type");
  }

  /** The nested mapping of a section, a section list's elements or a section map's values. */
  Optional<Section> section() {
    return Optional.ofNullable(section);
  }

  boolean isRequired() {
    return required;
  }

  /** The default as typed value; empty for required, optional and derived keys. */
  Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The default as written in the config, e.g. {@code 256KiB}; empty when there is none. */
  Optional<String> defaultText() {
    return Optional.ofNullable(defaultText);
  }

  /** The default column of the reference. */
  String defaultDoc() {
    return defaultDoc;
  }

  String description() {
    return description;
  }

  /** The default value; fails if this key has none (a schema bug, not a user error). */
  T defaultOrThrow() {
    if (defaultValue == null) {
      throw new IllegalStateException("key " + name + " has no default");
    }
    return defaultValue;
  }

  /** Throws {@code "name : value (expected: range)"} if {@code value} is out of range. */
  T check(T value) {
    return type().check(name, value);
  }

  @Override
  public String toString() {
    return name;
  }
}
