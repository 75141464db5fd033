package io.edgegateway.ros2.msg;

import io.edgegateway.core.config.Ros2Distro;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message definitions the gateway knows, by type name: the bundled ones of one ROS 2
 * distribution and those found under configured message paths. Immutable and thread-safe.
 *
 * <p>The bundled definitions are the {@code .msg} files of the common interfaces
 * (common_interfaces, rcl_interfaces, tf2_msgs, unique_identifier_msgs) per distribution, under
 * {@code defs/<distro>/}, written by the build from the npm package
 * {@code @foxglove/rosmsg-msgs-common} ({@code src/tools/bundle-msgdefs.sh}; see {@code
 * defs/PROVENANCE} in the jar). A build without them falls back to the smaller built-in set under
 * {@code defs/}, listed in {@link #problems()}.
 *
 * <p>A message path is laid out like a ROS install's {@code share} directory: {@code
 * <path>/<pkg>/msg/<Type>.msg}. A definition found on a path replaces a bundled one of the same
 * name; a later path replaces an earlier one. A file that does not parse is skipped with one
 * warning and listed in {@link #problems()}.
 */
public final class MessageRegistry {
  /** The line that separates definitions in a {@link #fullDefinitionText full definition}. */
  public static final String SEPARATOR = "=".repeat(80);

  private static final String HEADER = "std_msgs/msg/Header";

  private static final Logger LOG = LoggerFactory.getLogger(MessageRegistry.class);
  private static final String RESOURCES = "/io/edgegateway/ros2/msg/defs/";
  private static final long MAX_MSG_FILE_BYTES = 1 << 20;

  private final Map<String, MessageDefinition> definitions;
  private final List<String> problems;
  private final String source;
  private final ConcurrentHashMap<String, String> fullTexts = new ConcurrentHashMap<>();

  private MessageRegistry(
      Map<String, MessageDefinition> definitions, List<String> problems, String source) {
    this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    this.problems = List.copyOf(problems);
    this.source = source;
  }

  /** The bundled definitions of the default distribution ({@link Ros2Distro#JAZZY}) only. */
  public static MessageRegistry bundled() {
    return bundled(Ros2Distro.JAZZY);
  }

  /**
   * The bundled definitions of {@code distro} only; the built-in set (listed in {@link
   * #problems()}) when this build does not carry that distribution's.
   */
  public static MessageRegistry bundled(Ros2Distro distro) {
    String dir = RESOURCES + distro.configName() + "/";
    List<String> problems = new ArrayList<>();
    String source = distro.configName();
    if (MessageRegistry.class.getResource(dir + "index.txt") == null) {
      dir = RESOURCES;
      source = "built-in";
      problems.add(
          "bundled definitions of "
              + distro.configName()
              + " are not in this build; using the built-in set of common types");
      LOG.warn(
          "bundled message definitions of {} are not in this build; using the built-in set",
          distro.configName());
    }
    Map<String, MessageDefinition> defs = new LinkedHashMap<>();
    for (String type : index(dir + "index.txt")) {
      String text = resource(dir + type + ".msg");
      defs.put(type, MsgParser.parse(type, text));
    }
    return new MessageRegistry(defs, problems, source);
  }

  /** The distributions whose definitions this build bundles, in {@link Ros2Distro} order. */
  public static List<Ros2Distro> bundledDistros() {
    List<Ros2Distro> out = new ArrayList<>();
    for (Ros2Distro d : Ros2Distro.values()) {
      if (MessageRegistry.class.getResource(RESOURCES + d.configName() + "/index.txt") != null) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * The bundled definitions of the default distribution plus every {@code <pkg>/msg/<Type>.msg}
   * under {@code messagePaths}.
   */
  public static MessageRegistry load(List<Path> messagePaths) {
    return load(Ros2Distro.JAZZY, messagePaths);
  }

  /**
   * The bundled definitions of {@code distro} plus every {@code <pkg>/msg/<Type>.msg} under {@code
   * messagePaths}, which override them. A path that does not exist or is not a directory is listed
   * in {@link #problems()}.
   */
  public static MessageRegistry load(Ros2Distro distro, List<Path> messagePaths) {
    MessageRegistry base = bundled(distro);
    Map<String, MessageDefinition> defs = new LinkedHashMap<>(base.definitions);
    List<String> problems = new ArrayList<>(base.problems);
    for (Path root : Objects.requireNonNull(messagePaths, "messagePaths")) {
      if (!Files.isDirectory(root)) {
        problems.add(root + ": not a directory");
        LOG.warn("message path {} is not a directory; skipped", root);
        continue;
      }
      scan(root, defs, problems);
    }
    return new MessageRegistry(defs, problems, base.source);
  }

  /**
   * A registry holding the definitions in a {@link #fullDefinitionText full definition text}, as
   * carried in a batch's topic table: the first block is {@code type}, each further block starts
   * with {@code MSG: pkg/Type}.
   *
   * @throws MessageDefinitionException if a block does not parse
   */
  public static MessageRegistry fromFullDefinition(String type, String fullText) {
    Map<String, MessageDefinition> defs = new LinkedHashMap<>();
    String[] blocks = fullText.split("\r?\n" + SEPARATOR + "\r?\n", -1);
    defs.put(normalize(type), MsgParser.parse(normalize(type), blocks[0]));
    for (int i = 1; i < blocks.length; i++) {
      String block = blocks[i];
      int eol = block.indexOf('\n');
      String first = (eol < 0 ? block : block.substring(0, eol)).strip();
      if (!first.startsWith("MSG:")) {
        throw new MessageDefinitionException(
            "definition block " + i + " of " + type + " does not start with 'MSG: pkg/Type'");
      }
      String name = normalize(first.substring(4).strip());
      defs.put(name, MsgParser.parse(name, eol < 0 ? "" : block.substring(eol + 1)));
    }
    return new MessageRegistry(defs, List.of(), "carried");
  }

  /**
   * Where the bundled definitions came from: a distribution's name ({@code jazzy}), {@code
   * built-in} (the fallback set) or {@code carried} ({@link #fromFullDefinition}).
   */
  public String source() {
    return source;
  }

  /** The definition of {@code type} ({@code pkg/msg/Type} or {@code pkg/Type}), if known. */
  public Optional<MessageDefinition> find(String type) {
    return Optional.ofNullable(definitions.get(normalize(type)));
  }

  /**
   * The definition of {@code type}.
   *
   * @throws MessageDefinitionException if it is not known
   */
  public MessageDefinition require(String type) {
    return find(type)
        .orElseThrow(() -> new MessageDefinitionException("unknown message type " + type));
  }

  /**
   * Whether messages of {@code type} start with a {@code std_msgs/msg/Header} (their first field, a
   * single value), so that its stamp sits right after the CDR encapsulation; false for a type that
   * is not known.
   */
  public boolean startsWithHeader(String type) {
    return find(type)
        .map(
            d ->
                !d.fields().isEmpty()
                    && !d.fields().get(0).type().isArray()
                    && HEADER.equals(d.fields().get(0).type().messageType()))
        .orElse(false);
  }

  /** Every known type, {@code pkg/msg/Type}, sorted. */
  public Set<String> types() {
    return Collections.unmodifiableSet(new TreeSet<>(definitions.keySet()));
  }

  /** Message path entries that could not be loaded, one line each. */
  public List<String> problems() {
    return problems;
  }

  /**
   * The rosbag2/MCAP {@code ros2msg} definition of {@code type}: its {@code .msg} text, then for
   * each type it uses (transitively, depth first, each once) a line of 80 {@code =}, {@code MSG:
   * pkg/Type} and that type's text.
   *
   * @throws MessageDefinitionException if the type or one it uses is not known
   */
  public String fullDefinitionText(String type) {
    MessageDefinition root = require(type);
    List<MessageDefinition> deps = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(root.type());
    collect(root, seen, deps);
    StringBuilder out = new StringBuilder(stripTrailingNewlines(root.text()));
    for (MessageDefinition dep : deps) {
      String[] p = dep.type().split("/");
      out.append('\n')
          .append(SEPARATOR)
          .append("\nMSG: ")
          .append(p[0])
          .append('/')
          .append(p[2])
          .append('\n')
          .append(stripTrailingNewlines(dep.text()));
    }
    return out.append('\n').toString();
  }

  /**
   * The {@link #fullDefinitionText full definition text} of {@code type}, or an empty string if it
   * or a type it uses is unknown; computed once per type.
   */
  public String fullDefinitionTextOrEmpty(String type) {
    return fullTexts.computeIfAbsent(
        type,
        t -> {
          try {
            return fullDefinitionText(t);
          } catch (MessageDefinitionException e) {
            return "";
          }
        });
  }

  private void collect(MessageDefinition def, Set<String> seen, List<MessageDefinition> out) {
    for (String dep : def.dependencies()) {
      if (seen.add(dep)) {
        MessageDefinition d =
            find(dep)
                .orElseThrow(
                    () ->
                        new MessageDefinitionException(
                            "unknown message type " + dep + " used by " + def.type()));
        out.add(d);
        collect(d, seen, out);
      }
    }
  }

  /** {@code pkg/Type} → {@code pkg/msg/Type}; anything else unchanged. */
  static String normalize(String type) {
    Objects.requireNonNull(type, "type");
    String[] p = type.split("/", -1);
    return p.length == 2 ? p[0] + "/msg/" + p[1] : type;
  }

  private static String stripTrailingNewlines(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  private static void scan(Path root, Map<String, MessageDefinition> defs, List<String> problems) {
    try (DirectoryStream<Path> packages = Files.newDirectoryStream(root)) {
      List<Path> sorted = new ArrayList<>();
      packages.forEach(sorted::add);
      Collections.sort(sorted);
      for (Path pkgDir : sorted) {
        Path msgDir = pkgDir.resolve("msg");
        if (!Files.isDirectory(msgDir)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(msgDir, "*.msg")) {
          for (Path file : files) {
            loadFile(pkgDir.getFileName().toString(), file, defs, problems);
          }
        }
      }
    } catch (IOException e) {
      problems.add(root + ": " + e.getMessage());
      LOG.warn("message path {} could not be read: {}", root, e.toString());
    }
  }

  private static void loadFile(
      String pkg, Path file, Map<String, MessageDefinition> defs, List<String> problems)
      throws IOException {
    String name = file.getFileName().toString();
    String type = pkg + "/msg/" + name.substring(0, name.length() - ".msg".length());
    try {
      if (Files.size(file) > MAX_MSG_FILE_BYTES) {
        throw new MessageDefinitionException(type + ": file larger than 1 MiB");
      }
      defs.put(type, MsgParser.parse(type, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (MessageDefinitionException e) {
      problems.add(file + ": " + e.getMessage());
      LOG.warn("message definition {} skipped: {}", file, e.getMessage());
    }
  }

  private static List<String> index(String name) {
    List<String> types = new ArrayList<>();
    for (String line : resource(name).split("\n")) {
      if (!line.isBlank()) {
        types.add(line.strip());
      }
    }
    return types;
  }

  private static String resource(String name) {
    try (InputStream in = MessageRegistry.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
