package io.edgegateway.core.config;

import java.nio.file.Path;

/** The keys of the {@code ros2} section: the DDS bus and the list of topic rules. */
final class Ros2Schema {
  private Ros2Schema() {}

  static final Key<Integer> DOMAIN_ID =
      Key.withDefault(
          "domain_id",
          ValueType.integer(0, ConfigSchema.MAX_DOMAIN_ID),
          "0",
          "DDS domain of the robot bus.");
  static final Key<String> PEERS =
      Key.scalarList(
          "peers",
          ValueType.matching(
              "[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?",
              "a host name or IPv4 address without a port (discovery uses the domain's"
                  + " well-known DDS ports)",
              "host name or IPv4 address"),
          "Unicast discovery peers: host names or IPv4 addresses. No port: each participant"
              + " is reached on the domain's well-known discovery ports (a `host:port` is an"
              + " error rather than a port silently ignored).");
  static final Key<Path> MESSAGE_PATHS =
      Key.scalarList(
          "message_paths",
          ValueType.path(),
          "Extra message definition directories laid out `<pkg>/msg/<Type>.msg`, e.g. a ROS"
              + " install's `share` directory; they add to and override the bundled definitions.");
  static final Key<Ros2Distro> DISTRO =
      Key.withDefault(
          "distro",
          ValueType.enumOf(Ros2Distro.class),
          "jazzy",
          "ROS 2 distribution of the robot: picks the bundled message definitions (they differ"
              + " between distributions, e.g. `sensor_msgs/Range`); definitions found on"
              + " `message_paths` override the bundled ones whatever the distribution.");
  static final Key<Void> TOPICS =
      Key.sectionList("topics", TopicRuleSchema.SECTION, "Topic rules, first match wins.");
  static final Key<FastPathScheduling> FAST_PATH_SCHEDULING =
      Key.withDefault(
          "fast_path_scheduling",
          ValueType.enumOf(FastPathScheduling.class),
          "fifo",
          "Linux scheduling of the control relay's DDS threads: `fifo` (real-time SCHED_FIFO"
              + " priority 10, above all normal threads and below a robot's real-time control"
              + " loops; falls back to `nice` where not permitted), `nice` (nice -10) or `none`."
              + " Needs root or CAP_SYS_NICE. (Extension: not in DESIGN §4.)");
  static final Key<Long> SOCKET_BUFFER_BYTES =
      Key.withDefault(
          "socket_buffer_bytes",
          ValueType.size(0, 1L << 30),
          "4MiB",
          "UDP send and receive buffer the gateway's DDS sockets ask for; `0` keeps the"
              + " kernel's default (`net.core.rmem_default`, 208 KiB on most systems, which a"
              + " burst of samples overflows). The kernel caps it at `net.core.rmem_max` /"
              + " `net.core.wmem_max`: the package's sysctl file allows 16 MiB. (Extension: not in"
              + " DESIGN §4.)");
  static final Key<Boolean> SHARED_MEMORY =
      Key.withDefault(
          "shared_memory",
          ValueType.bool(),
          "false",
          "Also offer Fast-DDS's shared-memory transport to same-host Fast-DDS peers (ROS 2's"
              + " rmw_fastrtps uses it by default); UDP stays on for everyone else (Cyclone DDS"
              + " peers, other hosts). Needs a writable `/dev/shm` shared with the peers and"
              + " segments the peers' users may open (see docs/ros2.md). Applies to the"
              + " telemetry participant. (Extension: not in DESIGN §4.)");
  static final Section SECTION =
      Section.of(
          "ros2",
          "The ROS 2 (DDS) bus.",
          DOMAIN_ID,
          PEERS,
          MESSAGE_PATHS,
          DISTRO,
          TOPICS,
          FAST_PATH_SCHEDULING,
          SOCKET_BUFFER_BYTES,
          SHARED_MEMORY);
}
