package io.edgegateway.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one crash-harness run.
 *
 * @param kills how many times the daemon is SIGKILLed (then restarted)
 * @param seconds planned length of the kill phase; the kill instants are spread over it at random
 * @param topics number of published topics
 * @param rateHz samples per second per topic
 * @param lingerMs the daemon's {@code buffer.batch.linger_ms}, the pre-commit window
 * @param domainId DDS domain of publisher and daemon
 * @param bootstrapServers an existing Kafka broker, or null to start an embedded one
 * @param repoRoot the source tree holding {@code bin/edge-gateway} and the built daemon
 * @param workDir scratch directory (data dir, configs, logs, the built publisher)
 * @param seed seed of the kill schedule
 */
public record ChaosOptions(
    int kills,
    Duration seconds,
    int topics,
    int rateHz,
    int lingerMs,
    int domainId,
    @Nullable String bootstrapServers,
    Path repoRoot,
    Path workDir,
    long seed) {

  public ChaosOptions {
    if (kills < 0) {
      throw new IllegalArgumentException("kills : " + kills + " (expected: >= 0)");
    }
    if (topics < 1 || topics > 16) {
      throw new IllegalArgumentException("topics : " + topics + " (expected: 1..16)");
    }
    if (rateHz < 1) {
      throw new IllegalArgumentException("rateHz : " + rateHz + " (expected: >= 1)");
    }
  }

  /** ROS 2 name of published topic {@code i}. */
  String rosTopic(int i) {
    return "/chaos/t" + i;
  }
}
