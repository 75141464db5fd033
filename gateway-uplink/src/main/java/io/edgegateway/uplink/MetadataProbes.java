package io.edgegateway.uplink;

import io.edgegateway.core.port.UplinkException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes sure the producer has the metadata of every topic of a transaction before it sends, so that
 * {@code send()} does not block for {@code max.block.ms}: each topic is probed ({@code
 * partitionsFor}) on the metadata thread ({@code uplink-metadata-<robot_id>}) and awaited only
 * until the caller's deadline; a probe still running is reused by the next call. Used under {@link
 * KafkaUplink#deliver}'s lock.
 */
final class MetadataProbes {
  private final ExecutorService metadataThread;
  private final LinkState state;
  private final Map<String, CompletableFuture<Void>> probes = new HashMap<>();

  MetadataProbes(ExecutorService metadataThread, LinkState state) {
    this.metadataThread = metadataThread;
    this.state = state;
  }

  /** Waits until {@code p} has the metadata of every one of {@code topics}. */
  void await(Producer<byte[], byte[]> p, Set<String> topics, Deadline deadline)
      throws UplinkException {
    for (String topic : topics) {
      while (true) {
        CompletableFuture<Void> probe = probes.get(topic);
        if (probe == null || (probe.isDone() && probe.isCompletedExceptionally())) {
          try {
            probe = CompletableFuture.runAsync(() -> p.partitionsFor(topic), metadataThread);
          } catch (RejectedExecutionException e) {
            probe = CompletableFuture.failedFuture(e);
          }
          probes.put(topic, probe);
        }
        try {
          probe.get(deadline.remainingNs(), TimeUnit.NANOSECONDS);
          probes.remove(topic);
          break;
        } catch (TimeoutException e) {
          throw new UplinkException(
              "no metadata for topic "
                  + topic
                  + " within "
                  + deadline.timeout()
                  + " (broker unreachable?)",
              true,
              e);
        } catch (ExecutionException e) {
          probes.remove(topic);
          Throwable cause = UplinkErrors.causeOf(e);
          if (!UplinkErrors.retriable(cause) || deadline.remainingNs() <= 0) {
            throw UplinkErrors.failure("no metadata for topic " + topic, cause, state.isClosed());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UplinkException("interrupted while waiting for metadata", true, e);
        }
      }
    }
  }

  /** Forgets the probes of a producer that was replaced: the new one has no metadata yet. */
  void clear() {
    probes.clear();
  }
}
