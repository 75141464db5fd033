package io.edgegateway.bench.e2e;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One load of {@code bench/e2e.sh}: which profile's topics the simulator publishes (humanoid-1's,
 * or the 250 of {@link HumanoidProfile#manyTopics()}), at which rate scale, and whether the rate is
 * fixed (the profile's) or as fast as the simulator can go.
 *
 * @param name {@code humanoid-1}, {@code humanoid-1x10}, {@code max} or {@code many-topics}
 * @param rateScale every profile rate multiplied by this
 * @param telemetryOnly only the fixed-size telemetry topics (joint states, IMUs, force/torque)
 * @param fixedRate whether the simulator keeps up with the nominal rate (false for {@code max})
 */
record Scenario(String name, double rateScale, boolean telemetryOnly, boolean fixedRate) {
  /** Every scenario, in report order. */
  static final List<Scenario> ALL =
      List.of(
          new Scenario("humanoid-1", 1, false, true),
          new Scenario("humanoid-1x10", 10, false, true),
          new Scenario("max", 1000, true, false),
          new Scenario(HumanoidProfile.MANY_TOPICS, 1, true, true));

  /** The names of {@link #ALL}, for error messages: "a, b, c or d". */
  static final String NAMES =
      String.join(", ", ALL.subList(0, ALL.size() - 1).stream().map(Scenario::name).toList())
          + " or "
          + ALL.get(ALL.size() - 1).name();

  /** The scenario called {@code name}. */
  static Scenario named(String name) {
    return ALL.stream()
        .filter(s -> s.name.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("scenario : " + name + " (expected: " + NAMES + ")"));
  }

  /** The profile whose topics this scenario publishes: humanoid-1, or many-topics' own. */
  HumanoidProfile profile() {
    return name.equals(HumanoidProfile.MANY_TOPICS)
        ? HumanoidProfile.manyTopics()
        : HumanoidProfile.humanoid1();
  }

  /** The topics published: never the control topics (they take the fast path, not the queue). */
  Set<String> topics(HumanoidProfile profile) {
    Set<String> out = new LinkedHashSet<>();
    for (TopicLoad load : loads(profile)) {
      out.add(load.topic());
    }
    return out;
  }

  /** The published topic loads at their nominal rates. */
  List<TopicLoad> loads(HumanoidProfile profile) {
    return profile.topics().stream()
        .filter(t -> t.trafficClass() != TrafficClass.CONTROL)
        .filter(t -> !telemetryOnly || t.trafficClass() == TrafficClass.TELEMETRY)
        .toList();
  }

  /** Mean size in bytes of a published message at the profile's rates. */
  double meanMessageBytes(HumanoidProfile profile) {
    double msgs = 0;
    double bytes = 0;
    for (TopicLoad t : loads(profile)) {
      msgs += t.rateHz();
      bytes += t.rateHz() * t.expectedSizeBytes();
    }
    return bytes / msgs;
  }

  /**
   * The daemon configuration: one exact rule per published topic with the default policies of
   * shared/LOAD-PROFILE.md (telemetry and diagnostics keep all, cameras 1 Hz into the queue).
   */
  String configYaml(
      HumanoidProfile profile, int domain, Path dataDir, String bootstrap, int httpPort) {
    return configYaml(profile, domain, dataDir, bootstrap, httpPort, false);
  }

  /**
   * The daemon configuration, with the capture ring on when {@code capture}: every published topic
   * at full rate, for {@link #CAPTURE_AGE} (bounded by {@link #CAPTURE_BYTES}), no triggers, so the
   * ring's cost is measured without incidents.
   */
  String configYaml(
      HumanoidProfile profile,
      int domain,
      Path dataDir,
      String bootstrap,
      int httpPort,
      boolean capture) {
    StringBuilder y = new StringBuilder();
    y.append("gateway:\n  robot_id: bench-e2e\n  data_dir: ").append(dataDir).append('\n');
    y.append("ros2:\n  domain_id: ").append(domain).append('\n');
    String socketBuffer = System.getenv("EG_BENCH_SOCKET_BUFFER_BYTES");
    if (socketBuffer != null && !socketBuffer.isBlank()) {
      y.append("  socket_buffer_bytes: ").append(socketBuffer.trim()).append('\n');
    }
    if (sharedMemory()) {
      y.append("  shared_memory: true\n");
    }
    y.append("  topics:\n");
    for (TopicLoad t : loads(profile)) {
      y.append("    - {match: ").append(t.topic()).append(", type: ").append(t.type());
      switch (t.trafficClass()) {
        case PERCEPTION -> y.append(", class: perception, sample: {max_rate_hz: 1}, priority: 2");
        case DIAGNOSTICS -> y.append(", class: diagnostics, priority: 7");
        default -> y.append(", class: telemetry, sample: {keep_all: true}, priority: 5");
      }
      y.append(", max_sample_bytes: ").append(t.maxSampleBytes()).append("}\n");
    }
    y.append("buffer:\n  max_bytes: 2GiB\n  durability: process\n");
    y.append("  batch: {max_bytes: 256KiB, linger_ms: 200}\n");
    y.append("uplink:\n  kafka:\n    bootstrap_servers: '").append(bootstrap).append("'\n");
    y.append("  streams:\n");
    for (String stream : STREAMS) {
      y.append("    ").append(stream).append(": {topic: ").append(topicOf(stream)).append("}\n");
    }
    y.append("  checkpoint_topic: ").append(CHECKPOINT_TOPIC).append('\n');
    y.append("http:\n  bind: 127.0.0.1:").append(httpPort).append('\n');
    if (capture) {
      y.append("capture:\n  ring: {max_bytes: ")
          .append(CAPTURE_BYTES)
          .append(", max_age: ")
          .append(CAPTURE_AGE)
          .append("}\n");
    }
    return y.toString();
  }

  /**
   * Whether this run puts Fast-DDS shared memory on for every same-host participant — the daemon's
   * telemetry bus, the simulator and the raw subscribers — from {@code EG_BENCH_SHARED_MEMORY=1}
   * (default off: UDP only).
   */
  static boolean sharedMemory() {
    String v = System.getenv("EG_BENCH_SHARED_MEMORY");
    return v != null && (v.trim().equals("1") || v.trim().equalsIgnoreCase("true"));
  }

  /** The options a bench participant (simulator, raw subscriber) joins {@code domain} with. */
  static FastDdsBus.Options busOptions(int domain, String nodeName) {
    return new FastDdsBus.Options(domain, nodeName, List.of(), false, sharedMemory());
  }

  static final List<String> STREAMS =
      List.of("telemetry", "perception", "diagnostics", "incidents");
  static final String CHECKPOINT_TOPIC = "bench.gateway.checkpoints";

  /** The capture ring of {@code --capture on}: humanoid-1's ≈ 7.6 MB/s for 60 s fits. */
  static final String CAPTURE_BYTES = "1GiB";

  static final String CAPTURE_AGE = "60s";

  static String topicOf(String stream) {
    return "bench." + stream;
  }
}
