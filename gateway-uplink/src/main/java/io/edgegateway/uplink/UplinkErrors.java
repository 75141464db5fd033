package io.edgegateway.uplink;

import io.edgegateway.core.port.UplinkException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Decides whether a Kafka client failure is retriable, i.e. whether offering the same batches again
 * can succeed without operator action, or fenced, and maps it to the {@link UplinkException} the
 * caller sees.
 *
 * <p>Retriable: every {@link RetriableException} (the broker is unreachable or restarting, a
 * request or metadata wait timed out, leadership moved, not enough in-sync replicas, the producer's
 * buffer is exhausted, an unknown topic or partition), an interrupted wait, and the uplink's own
 * deadline passing ({@link java.util.concurrent.TimeoutException}).
 *
 * <p>Not retriable: everything else, notably authentication and authorization failures, a record
 * larger than {@code max.request.size} or the topic's {@code max.message.bytes}, an invalid topic,
 * an unsupported broker version, a fenced or otherwise fatally failed producer, and a closed
 * producer.
 */
final class UplinkErrors {
  private UplinkErrors() {}

  static boolean retriable(Throwable failure) {
    return failure instanceof RetriableException
        || failure instanceof InterruptException
        || failure instanceof InterruptedException
        || failure instanceof java.util.concurrent.TimeoutException;
  }

  /**
   * Whether {@code failure} or one of its causes says that another producer with the same {@code
   * transactional.id} took over ({@link ProducerFencedException}, {@link
   * InvalidProducerEpochException}).
   */
  static boolean isFenced(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * The failure {@code e} wraps: the futures the uplink waits for (a {@code CompletableFuture}, the
   * producer's send futures) always wrap one.
   */
  static Throwable causeOf(ExecutionException e) {
    return Objects.requireNonNull(e.getCause(), "ExecutionException without a cause");
  }

  /**
   * The exception for {@code what} failing with {@code cause}: retriable as {@link #retriable}
   * says, never once the uplink is {@code closed}.
   */
  static UplinkException failure(String what, Throwable cause, boolean closed) {
    if (closed) {
      return new UplinkException(what + ": uplink closed", false, cause);
    }
    return new UplinkException(what + ": " + describe(cause), retriable(cause), cause);
  }

  /**
   * {@code failure} in one line: its class and message, and the innermost cause's when there is one
   * (a client that could not be created says only "Failed to construct kafka producer"; the cause
   * says why, e.g. the token endpoint refused the connection).
   */
  static String describe(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
      root = root.getCause();
    }
    return root == failure
        ? firstLine(failure.toString())
        : firstLine(failure.toString()) + " (cause: " + firstLine(root.toString()) + ")";
  }

  /** Kafka's login errors carry a whole stack trace in their message: only its first line. */
  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
