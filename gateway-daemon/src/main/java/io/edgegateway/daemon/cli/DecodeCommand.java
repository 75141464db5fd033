package io.edgegateway.daemon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.Ros2Distro;
import io.edgegateway.ros2.msg.CdrDecodeException;
import io.edgegateway.ros2.msg.CdrDecoder;
import io.edgegateway.ros2.msg.MessageRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decode --type pkg/msg/Type [--file F] [--distro D]}: decodes one CDR sample (encapsulation
 * header included; stdin when no file) and prints it as one JSON object, field names as in the
 * {@code .msg}; {@code uint8[]} data is base64. Malformed input or an unknown type: one line on
 * stderr and exit 2.
 */
@Command(name = "decode", description = "Decode one CDR sample (file or stdin) to one JSON object.")
final class DecodeCommand implements Callable<Integer> {
  /** Largest sample read, the largest {@code max_sample_bytes}. */
  static final int MAX_SAMPLE_BYTES = 64 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--type", required = true, description = "message type, e.g. sensor_msgs/msg/Imu")
  String type;

  @Option(names = "--file", description = "file holding the sample (default: stdin)")
  @Nullable Path file;

  @Option(
      names = "--message-path",
      description = "extra message directory laid out <pkg>/msg/<Type>.msg (repeatable)")
  List<Path> messagePaths = new ArrayList<>();

  @Option(
      names = "--config",
      description = "YAML config whose ros2.message_paths and ros2.distro to use")
  @Nullable Path config;

  @Option(
      names = "--distro",
      description =
          "ROS 2 distribution of the bundled definitions: humble, iron, jazzy (default:"
              + " ros2.distro of --config, else jazzy)")
  @Nullable String distro;

  @Override
  public Integer call() throws IOException {
    List<Path> paths = new ArrayList<>();
    Ros2Distro chosen = Ros2Distro.JAZZY;
    if (config != null) {
      Optional<GatewayConfig> loaded = ConfigFiles.load(config, spec.commandLine().getErr());
      if (loaded.isEmpty()) {
        return EdgeGatewayCli.EXIT_USAGE;
      }
      paths.addAll(loaded.get().ros2().messagePaths());
      chosen = loaded.get().ros2().distro();
    }
    if (distro != null) {
      Optional<Ros2Distro> named = Distros.parse(distro);
      if (named.isEmpty()) {
        return fail("unknown --distro " + distro + " (expected one of: " + Distros.NAMES + ")");
      }
      chosen = named.get();
    }
    paths.addAll(messagePaths);
    MessageRegistry registry = MessageRegistry.load(chosen, paths);
    if (registry.find(type).isEmpty()) {
      return fail("unknown message type " + type);
    }
    byte[] sample;
    try {
      sample = file == null ? read(System.in) : readFile(file);
    } catch (NoSuchFileException e) {
      return fail(file + ": no such file");
    }
    if (sample == null) {
      return fail("sample larger than " + MAX_SAMPLE_BYTES + " bytes");
    }
    Map<String, Object> tree;
    try {
      tree = new CdrDecoder(registry).decode(type, sample);
    } catch (CdrDecodeException e) {
      return fail("malformed " + type + " sample: " + e.getMessage());
    }
    spec.commandLine().getOut().println(json(tree));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String json(Map<String, Object> tree) throws JsonProcessingException {
    return JSON.writeValueAsString(tree);
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("edge-gateway decode: " + message);
    spec.commandLine().getErr().flush();
    return EdgeGatewayCli.EXIT_USAGE;
  }

  private static byte @Nullable [] readFile(Path file) throws IOException {
    if (Files.size(file) > MAX_SAMPLE_BYTES) {
      return null;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /** Up to {@link #MAX_SAMPLE_BYTES}; null if there is more. */
  private static byte @Nullable [] read(InputStream in) throws IOException {
    byte[] data = in.readNBytes(MAX_SAMPLE_BYTES + 1);
    return data.length > MAX_SAMPLE_BYTES ? null : data;
  }
}
