package io.edgegateway.ros2;

import io.edgegateway.core.port.BusLossListener;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.DdsLossReason;
import io.edgegateway.core.port.RawSampleHandler;
import io.edgegateway.core.port.SampleHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.ihmc.pubsub.common.ChangeKind;
import us.ihmc.pubsub.common.MatchingInfo;
import us.ihmc.pubsub.subscriber.Subscriber;
import us.ihmc.pubsub.subscriber.SubscriberListener;

/**
 * One raw-CDR subscription on a {@link FastDdsBus}: the Fast-DDS listener that takes each sample,
 * copies its exact bytes and hands them to the {@link SampleHandler} (a fresh array per sample) or
 * to the {@link RawSampleHandler} (one array preallocated at {@code maxSampleBytes} and reused for
 * every sample, so this path allocates nothing per sample).
 *
 * <p>Runs on the Fast-DDS listener thread. Takes exactly one sample per {@code onNewDataMessage}
 * (Fast-DDS calls it once per sample; taking until empty makes the native side print an error on
 * every miss). Nothing thrown here may reach native code, so every failure is caught, counted and
 * logged at most once per interval.
 *
 * <p>Samples that arrive while the subscriber is still being created are not taken in that
 * callback: the ihmc wrapper holds a lock across the native create that {@code takeNextData} also
 * needs, while the native side holds its reader lock across this callback, so taking would deadlock
 * both threads (seen when subscribing to a topic that is already streaming, e.g. a gateway
 * restarting on a live robot). Every callback counts one pending sample; whoever finds the
 * subscription ready takes the pending ones: the listener thread, or the subscribing thread right
 * after the create returned (so a burst that arrived during the create is not left waiting for a
 * next sample). One taker at a time, through a flag that is tried, never waited for: a listener
 * thread never blocks here, so a subscribing thread taking concurrently can always get the native
 * reader lock.
 *
 * <p>Loss: every taken sample's writer GUID and sequence number go through a {@link
 * SequenceGapTracker}; the samples missing between two of a writer's sequence numbers are reported
 * to the {@link BusLossListener} as {@link DdsLossReason#SEQUENCE_GAP}, oversize drops as {@link
 * DdsLossReason#OVERSIZE}. (ihmc-pub-sub 0.20 exposes no sample-lost or sample-rejected status of
 * the Fast-DDS reader, so gaps are how losses inside DDS become visible.)
 */
final class FastDdsSubscription implements BusSubscription, SubscriberListener<RawSample> {
  private static final Logger log = LoggerFactory.getLogger(FastDdsSubscription.class);

  private final String topic;
  private final int maxSampleBytes;
  // exactly one of handler and rawHandler is set; reusable with rawHandler
  private final @Nullable SampleHandler handler;
  private final @Nullable RawSampleHandler rawHandler;
  private final byte @Nullable [] reusable;
  private final Consumer<FastDdsSubscription> onClose;
  private final BusLossListener losses;
  private final SequenceGapTracker gaps = new SequenceGapTracker();
  private final AtomicLong sequenceGaps = new AtomicLong();
  private final RawSample sample = new RawSample();
  private final StampedSampleInfo info = new StampedSampleInfo();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong droppedOversize = new AtomicLong();
  private final AtomicLong handlerFailures = new AtomicLong();
  private final AtomicLong matchedPublishers = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicBoolean taking = new AtomicBoolean();
  private volatile boolean ready;
  private final RateLimitedLog oversizeLog;
  private final RateLimitedLog failureLog;

  FastDdsSubscription(
      String topic,
      int maxSampleBytes,
      SampleHandler handler,
      BusLossListener losses,
      Consumer<FastDdsSubscription> onClose) {
    this(topic, maxSampleBytes, handler, null, losses, onClose);
  }

  FastDdsSubscription(
      String topic,
      int maxSampleBytes,
      RawSampleHandler rawHandler,
      BusLossListener losses,
      Consumer<FastDdsSubscription> onClose) {
    this(topic, maxSampleBytes, null, rawHandler, losses, onClose);
  }

  private FastDdsSubscription(
      String topic,
      int maxSampleBytes,
      @Nullable SampleHandler handler,
      @Nullable RawSampleHandler rawHandler,
      BusLossListener losses,
      Consumer<FastDdsSubscription> onClose) {
    this.topic = topic;
    this.maxSampleBytes = maxSampleBytes;
    this.handler = handler;
    this.rawHandler = rawHandler;
    this.reusable = rawHandler == null ? null : new byte[maxSampleBytes];
    this.onClose = onClose;
    this.losses = losses;
    this.oversizeLog = new RateLimitedLog(log, 10, TimeUnit.SECONDS, System::nanoTime);
    this.failureLog = new RateLimitedLog(log, 10, TimeUnit.SECONDS, System::nanoTime);
  }

  /**
   * Called on the subscribing thread once the native subscriber exists: from now on samples are
   * taken; those that arrived during the create are taken now.
   */
  void markReady(Subscriber<RawSample> subscriber) {
    ready = true;
    takePending(subscriber);
  }

  @Override
  public void onNewDataMessage(Subscriber<RawSample> subscriber) {
    if (closed.get()) {
      return;
    }
    pending.incrementAndGet();
    if (ready) {
      takePending(subscriber);
    }
  }

  /** Takes the pending samples unless another thread is taking (it then takes them). */
  private void takePending(Subscriber<RawSample> subscriber) {
    while (pending.get() > 0 && taking.compareAndSet(false, true)) {
      try {
        for (long n = pending.getAndSet(0); n > 0; n--) {
          takeOne(subscriber);
        }
      } finally {
        taking.set(false);
      }
    }
  }

  private void takeOne(Subscriber<RawSample> subscriber) {
    int length;
    try {
      if (!subscriber.takeNextData(sample, info)) {
        return;
      }
      observeSequence();
      if (info.getSampleKind() != ChangeKind.ALIVE) {
        return;
      }
      length = info.getDataLength();
    } catch (RuntimeException e) {
      // ihmc-pub-sub throws IllegalArgumentException ("newLimit > capacity") for a sample larger
      // than the type size; the sample is consumed either way (its info is filled before the
      // payload is copied, so its sequence number is still seen).
      observeSequence();
      droppedOversize.incrementAndGet();
      reportLost(DdsLossReason.OVERSIZE, 1);
      oversizeLog.warn(
          "Dropped sample on {}: {} (larger than max sample bytes {}?) ({} suppressed)",
          topic,
          e.toString(),
          maxSampleBytes);
      return;
    }
    if (length < RawCdrDataType.ENCAPSULATION_HEADER_BYTES
        || length > maxSampleBytes
        || length > sample.receivedCapacity()) {
      droppedOversize.incrementAndGet();
      reportLost(DdsLossReason.OVERSIZE, 1);
      oversizeLog.warn(
          "Dropped sample on {}: {} bytes (expected: 4..{}) ({} suppressed)",
          topic,
          length,
          maxSampleBytes);
      return;
    }
    try {
      RawSampleHandler raw = rawHandler;
      byte[] buffer = reusable;
      if (raw != null && buffer != null) {
        sample.copyReceived(buffer, length);
        raw.onSample(info.sourceStampNs(), buffer, length);
      } else {
        Objects.requireNonNull(handler, "handler")
            .onSample(info.sourceStampNs(), sample.copyReceived(length));
      }
      delivered.incrementAndGet();
    } catch (Throwable t) {
      handlerFailures.incrementAndGet();
      failureLog.warn("Sample handler for {} failed: {} ({} suppressed)", topic, t.toString());
    }
  }

  private void observeSequence() {
    long sequence = info.getSampleIdentity().getSequenceNumber().get();
    if (sequence <= 0) {
      return; // unknown
    }
    long missing = gaps.observe(info.getSampleIdentity().getGuid(), sequence);
    if (missing > 0) {
      sequenceGaps.addAndGet(missing);
      reportLost(DdsLossReason.SEQUENCE_GAP, missing);
    }
    long beforeMatch = gaps.beforeFirst();
    if (beforeMatch > 0) {
      reportLost(DdsLossReason.BEFORE_MATCH, beforeMatch);
    }
  }

  private void reportLost(DdsLossReason reason, long samples) {
    try {
      losses.onLost(topic, reason, samples);
    } catch (RuntimeException e) {
      failureLog.warn("Loss listener for {} failed: {} ({} suppressed)", topic, e.toString());
    }
  }

  @Override
  public void onSubscriptionMatched(Subscriber<RawSample> subscriber, MatchingInfo info) {
    try {
      long now =
          info.getStatus() == MatchingInfo.MatchingStatus.MATCHED_MATCHING
              ? matchedPublishers.incrementAndGet()
              : matchedPublishers.decrementAndGet();
      log.debug("Subscription {} {}: {} matched publishers", topic, info.getStatus(), now);
    } catch (RuntimeException e) {
      log.warn("Matching callback for {} failed: {}", topic, e.toString());
    }
  }

  @Override
  public String topic() {
    return topic;
  }

  /** Samples handed to the handler. */
  long delivered() {
    return delivered.get();
  }

  /** Samples dropped because they were larger than the subscription's max sample bytes. */
  long droppedOversize() {
    return droppedOversize.get();
  }

  /** Samples missing from the writers' sequence numbers, so lost before they were taken. */
  long sequenceGaps() {
    return sequenceGaps.get();
  }

  /** Samples whose handler threw. */
  long handlerFailures() {
    return handlerFailures.get();
  }

  /** Publishers currently matched with this subscription. */
  long matchedPublishers() {
    return matchedPublishers.get();
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Stops delivery; the bus removes the Fast-DDS subscriber. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(this);
    }
  }
}
