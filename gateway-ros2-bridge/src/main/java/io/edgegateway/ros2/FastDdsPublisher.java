package io.edgegateway.ros2;

import io.edgegateway.core.port.BusPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.ihmc.pubsub.common.MatchingInfo;
import us.ihmc.pubsub.publisher.Publisher;
import us.ihmc.pubsub.publisher.PublisherListener;

/**
 * One raw-CDR publisher on a {@link FastDdsBus}: writes caller-serialized samples (encapsulation
 * header included) verbatim. Thread-safe; concurrent {@link #publish} calls are serialized.
 */
final class FastDdsPublisher implements BusPublisher, PublisherListener {
  private static final Logger log = LoggerFactory.getLogger(FastDdsPublisher.class);

  private final String topic;
  private final int maxSampleBytes;
  private final Consumer<FastDdsPublisher> onClose;
  private final RawSample sample = new RawSample();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong matchedSubscribers = new AtomicLong();
  private final RateLimitedLog rejectLog;
  private volatile @Nullable Publisher endpoint; // null until attached

  FastDdsPublisher(String topic, int maxSampleBytes, Consumer<FastDdsPublisher> onClose) {
    this.topic = topic;
    this.maxSampleBytes = maxSampleBytes;
    this.onClose = onClose;
    this.rejectLog = new RateLimitedLog(log, 10, TimeUnit.SECONDS, System::nanoTime);
  }

  void attach(Publisher endpoint) {
    this.endpoint = endpoint;
  }

  @Nullable Publisher endpoint() {
    return endpoint;
  }

  /**
   * Writes {@code payload[0, length)}.
   *
   * @return false if the publisher is closed, the sample is larger than the topic's max sample
   *     bytes, or Fast-DDS refused it
   * @throws IllegalArgumentException if {@code length} is outside {@code [4, payload.length]}
   */
  @Override
  public boolean publish(byte[] payload, int length) {
    if (length < RawCdrDataType.ENCAPSULATION_HEADER_BYTES || length > payload.length) {
      throw new IllegalArgumentException(
          "length : " + length + " (expected: 4.." + payload.length + ")");
    }
    if (closed.get()) {
      return false;
    }
    if (length > maxSampleBytes) {
      rejected.incrementAndGet();
      rejectLog.warn(
          "Not publishing {} bytes on {}: larger than max sample bytes {} ({} suppressed)",
          length,
          topic,
          maxSampleBytes);
      return false;
    }
    synchronized (sample) {
      Publisher target = endpoint;
      if (target == null || closed.get()) {
        return false;
      }
      sample.toWrite(payload, length);
      try {
        target.write(sample);
        published.incrementAndGet();
        return true;
      } catch (Exception e) {
        rejected.incrementAndGet();
        rejectLog.warn("Write on {} failed: {} ({} suppressed)", topic, e.toString());
        return false;
      } finally {
        sample.clearOutgoing();
      }
    }
  }

  @Override
  public void onPublicationMatched(Publisher publisher, MatchingInfo info) {
    try {
      long now =
          info.getStatus() == MatchingInfo.MatchingStatus.MATCHED_MATCHING
              ? matchedSubscribers.incrementAndGet()
              : matchedSubscribers.decrementAndGet();
      log.debug("Publisher {} {}: {} matched subscribers", topic, info.getStatus(), now);
    } catch (RuntimeException e) {
      log.warn("Matching callback for {} failed: {}", topic, e.toString());
    }
  }

  String topic() {
    return topic;
  }

  /** Samples handed to Fast-DDS. */
  long published() {
    return published.get();
  }

  /** Subscriptions currently matched with this publisher (Fast-DDS's publication-matched count). */
  @Override
  public long matchedSubscribers() {
    return matchedSubscribers.get();
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Stops publishing; the bus removes the Fast-DDS publisher. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (sample) {
        onClose.accept(this);
      }
    }
  }
}
