package io.edgegateway.core.pipeline;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.CaptureSink;
import io.edgegateway.core.ledger.IntakeLedger;
import io.edgegateway.core.metrics.HeaderSkew;
import io.edgegateway.core.metrics.SourceSkew;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.micrometer.core.instrument.Counter;
import org.jspecify.annotations.Nullable;

/**
 * Receives the raw samples of one subscribed topic on the bus thread: stamps them, numbers them,
 * applies the topic's sampler and hands kept samples to the intake. Never blocks.
 *
 * <p>The per-topic {@code seq} is assigned on receive, before sampling, so a consumer sees
 * sampled-out samples as counted gaps rather than as silent ones. It continues from the ledger
 * slot's last value, so it keeps counting across restarts; the capture ring's copy (the route's
 * {@code capture}) is taken right after numbering, so it carries the same {@code seq}; each sample
 * is counted in the slot (received, sampled out, intake dropped) with plain memory stores.
 */
final class TopicChannel implements SampleHandler {
  private volatile Routing routing;
  private final String typeName;
  private final Intake intake;
  private final Clock clock;
  private final IntakeLedger.Slot slot;
  private final Counter received;
  private final Counter intakeFull;
  private final SourceSkew skew;
  private final @Nullable HeaderSkew headerSkew;
  private long seq;

  /** The route in effect and the counter of what its sampler drops; replaced as a whole. */
  record Routing(TopicRoute route, Counter sampledOut) {}

  TopicChannel(
      TopicRoute route,
      Intake intake,
      Clock clock,
      IntakeLedger.Slot slot,
      Counter received,
      Counter sampledOut,
      Counter intakeFull,
      SourceSkew skew) {
    this(route, intake, clock, slot, received, sampledOut, intakeFull, skew, null);
  }

  /**
   * @param headerSkew where the header stamps of the topic's samples are compared with their
   *     receive time; null when its type does not start with a header
   */
  TopicChannel(
      TopicRoute route,
      Intake intake,
      Clock clock,
      IntakeLedger.Slot slot,
      Counter received,
      Counter sampledOut,
      Counter intakeFull,
      SourceSkew skew,
      @Nullable HeaderSkew headerSkew) {
    this.headerSkew = headerSkew;
    this.routing = new Routing(route, sampledOut);
    this.typeName = route.type().toString();
    this.intake = intake;
    this.clock = clock;
    this.slot = slot;
    this.received = received;
    this.intakeFull = intakeFull;
    this.skew = skew;
    this.seq = slot.received();
  }

  @Override
  public void onSample(long sourceStampNs, byte[] payload) {
    long receiveNs = clock.wallNanos();
    skew.record(sourceStampNs, receiveNs);
    if (headerSkew != null) {
      headerSkew.record(payload, receiveNs);
    }
    long n;
    Routing r = routing; // one route per sample, even while a reload replaces it
    Envelope envelope = null;
    synchronized (this) {
      // DDS normally calls one listener from one thread; the lock only guards against a second.
      n = ++seq;
      slot.received(n);
      received.increment();
      CaptureSink capture = r.route().capture();
      if (capture != CaptureSink.NONE) { // full rate, before sampling; never blocks
        envelope = new Envelope(r.route().topic(), typeName, sourceStampNs, receiveNs, n, payload);
        capture.offer(envelope);
      }
      if (!r.route().sampler().accept(clock.monotonicNanos(), payload)) {
        slot.sampledOut();
        r.sampledOut().increment();
        return; // without capture, a sampled-out sample allocates nothing
      }
    }
    if (envelope == null) {
      envelope = new Envelope(r.route().topic(), typeName, sourceStampNs, receiveNs, n, payload);
    }
    if (!intake.offer(r.route(), envelope)) {
      slot.intakeDropped();
      intakeFull.increment();
    }
  }

  /** The route in effect now. */
  TopicRoute route() {
    return routing.route();
  }

  /**
   * Routes the samples received from now on by {@code next} (sampler, stream's priority); samples
   * already handed to the intake keep the route they were taken under. Same topic and stream only.
   */
  void reroute(TopicRoute next, Counter sampledOut) {
    TopicRoute now = routing.route();
    if (!now.topic().equals(next.topic()) || !now.stream().equals(next.stream())) {
      throw new IllegalArgumentException(
          "route : "
              + next
              + " (expected: topic "
              + now.topic()
              + ", stream "
              + now.stream()
              + ")");
    }
    routing = new Routing(next, sampledOut);
  }
}
