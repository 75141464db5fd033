package io.edgegateway.testkit.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics on a running {@link EmbeddedKafka} through an {@link Admin} client and waits until
 * the broker serves them.
 */
final class TopicAdmin {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final long METADATA_POLL_MS = 10;

  private TopicAdmin() {}

  /**
   * Creates a topic with replication factor 1 and returns once every partition has a leader.
   *
   * @throws IllegalStateException if the topic exists or creation does not finish within 30 s
   */
  static void create(String bootstrapServers, String name, int partitions, boolean compacted) {
    NewTopic topic =
        new NewTopic(name, partitions, (short) 1)
            .configs(
                Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    compacted
                        ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_DELETE));
    try (Admin admin = admin(bootstrapServers)) {
      long deadlineNs = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
      admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      awaitLeaders(admin, name, deadlineNs);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic " + name + " not created within " + ADMIN_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) ADMIN_TIMEOUT.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000));
  }

  /**
   * Polls the broker's metadata until every partition of {@code name} has a leader: the controller
   * acknowledges a new topic before the broker has applied it.
   */
  private static void awaitLeaders(Admin admin, String name, long deadlineNs)
      throws ExecutionException, InterruptedException, TimeoutException {
    while (true) {
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
      if (leftMs <= 0) {
        throw new TimeoutException("partitions of " + name + " have no leader");
      }
      try {
        TopicDescription d =
            Objects.requireNonNull(
                admin
                    .describeTopics(List.of(name))
                    .allTopicNames()
                    .get(leftMs, TimeUnit.MILLISECONDS)
                    .get(name),
                "describeTopics answered without the topic asked for");
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      TimeUnit.MILLISECONDS.sleep(METADATA_POLL_MS);
    }
  }
}
