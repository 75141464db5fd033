package io.edgegateway.core.config;

import io.edgegateway.core.routing.TopicRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ros2} section: the DDS bus and the topic rules.
 *
 * @param domainId DDS domain of the robot bus, 0..232
 * @param peers unicast discovery peers, host or host:port
 * @param messagePaths extra message definition directories, {@code <pkg>/msg/<Type>.msg}
 * @param topics topic rules in file order; the first matching rule wins
 * @param fastPathScheduling how the control relay's DDS threads are scheduled
 * @param distro the ROS 2 distribution whose bundled message definitions are used
 * @param socketBufferBytes UDP buffer size the DDS sockets ask for, 0 for the kernel's default
 * @param sharedMemory whether the telemetry participant also offers Fast-DDS shared memory
 */
public record Ros2Settings(
    int domainId,
    List<String> peers,
    List<Path> messagePaths,
    List<TopicRule> topics,
    FastPathScheduling fastPathScheduling,
    Ros2Distro distro,
    int socketBufferBytes,
    boolean sharedMemory) {
  public Ros2Settings {
    Ros2Schema.SOCKET_BUFFER_BYTES.check((long) socketBufferBytes);
    Ros2Schema.DOMAIN_ID.check(domainId);
    Objects.requireNonNull(fastPathScheduling, "fastPathScheduling");
    Objects.requireNonNull(distro, "distro");
    peers = List.copyOf(peers);
    messagePaths = List.copyOf(messagePaths);
    topics = List.copyOf(topics);
    for (String peer : peers) {
      Ros2Schema.PEERS.check(peer);
    }
  }

  /** Settings with the default shared-memory choice. */
  public Ros2Settings(
      int domainId,
      List<String> peers,
      List<Path> messagePaths,
      List<TopicRule> topics,
      FastPathScheduling fastPathScheduling,
      Ros2Distro distro,
      int socketBufferBytes) {
    this(
        domainId,
        peers,
        messagePaths,
        topics,
        fastPathScheduling,
        distro,
        socketBufferBytes,
        Ros2Schema.SHARED_MEMORY.defaultOrThrow());
  }

  /** Settings with the default socket buffer size. */
  public Ros2Settings(
      int domainId,
      List<String> peers,
      List<Path> messagePaths,
      List<TopicRule> topics,
      FastPathScheduling fastPathScheduling,
      Ros2Distro distro) {
    this(
        domainId,
        peers,
        messagePaths,
        topics,
        fastPathScheduling,
        distro,
        Ros2Schema.SOCKET_BUFFER_BYTES.defaultOrThrow().intValue());
  }

  /** Settings for the default distribution. */
  public Ros2Settings(
      int domainId,
      List<String> peers,
      List<Path> messagePaths,
      List<TopicRule> topics,
      FastPathScheduling fastPathScheduling) {
    this(
        domainId,
        peers,
        messagePaths,
        topics,
        fastPathScheduling,
        Ros2Schema.DISTRO.defaultOrThrow());
  }

  /** Settings with the default fast-path scheduling. */
  public Ros2Settings(
      int domainId, List<String> peers, List<Path> messagePaths, List<TopicRule> topics) {
    this(domainId, peers, messagePaths, topics, Ros2Schema.FAST_PATH_SCHEDULING.defaultOrThrow());
  }

  /** Settings without extra message paths, with the default fast-path scheduling. */
  public Ros2Settings(int domainId, List<String> peers, List<TopicRule> topics) {
    this(domainId, peers, List.of(), topics);
  }

  /** The topic rules as a first-match lookup. */
  public TopicRules topicRules() {
    return new TopicRules(topics);
  }

  /** Domain 0, no peers, no message paths, no rules. */
  public static Ros2Settings defaults() {
    return new Ros2Settings(Ros2Schema.DOMAIN_ID.defaultOrThrow(), List.of(), List.of());
  }
}
