package io.edgegateway.ros2;

import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusLossListener;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.RawSampleHandler;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.attributes.SubscriberAttributes;
import us.ihmc.pubsub.participant.Participant;
import us.ihmc.pubsub.publisher.Publisher;
import us.ihmc.pubsub.subscriber.Subscriber;

/**
 * The gateway's {@link Bus} on Fast-DDS 2.14 (through ihmc-pub-sub, the layer under
 * ihmc-ros2-library): one DDS participant whose subscriptions and publishers carry raw CDR bytes of
 * any ROS 2 type.
 *
 * <p>Wire mapping: the ROS topic {@code /imu} is the DDS topic {@code rt/imu}; the ROS type {@code
 * sensor_msgs/msg/Imu} is the DDS type {@code sensor_msgs::msg::dds_::Imu_}. Samples are handed
 * over exactly as they were on the wire, starting with the 4-byte CDR encapsulation header, and
 * published the same way. Received samples are a multiple of 4 bytes long: RTPS pads DATA
 * submessages, and writers that pad themselves (Cyclone DDS) record the padding in the
 * encapsulation options. Source timestamps are the writer's DDS source timestamps (ns since the
 * epoch).
 *
 * <p>Operational requirements:
 *
 * <ul>
 *   <li><b>Writable {@code user.home}.</b> ihmc-pub-sub extracts its Fast-DDS native libraries
 *       (about 11 MB) to {@code ${user.home}/.ihmc/lib} on first use. A service user without a
 *       writable home fails with {@code UnsatisfiedLinkError}; the daemon must start the JVM with
 *       {@code -Duser.home=<a writable state directory>}.
 *   <li><b>Max sample size per DDS type.</b> Fast-DDS sizes buffers from the type's size, which is
 *       fixed for the bus's lifetime when a type is first used (that spec's {@code
 *       maxSampleBytes}). Later specs for the same type may ask for less, never more: open the
 *       largest first, or give every rule of a type the same limit. Samples larger than a
 *       subscription's {@code maxSampleBytes} but within the type size are dropped and counted;
 *       larger ones are dropped inside Fast-DDS (preallocated reader history), uncounted, and still
 *       acknowledged to reliable writers.
 *   <li><b>QoS must match the peers'.</b> A best-effort writer never matches a reliable reader, and
 *       DDS reports nothing; use the matched counts to detect it.
 * </ul>
 *
 * <p>Callbacks: {@link SampleHandler}s and {@link RawSampleHandler}s run on Fast-DDS listener
 * threads, one sample per call. Listener threads belong to the participant: a second {@code
 * FastDdsBus} on the same domain (as the control fast path uses) gets threads of its own. Whatever
 * a handler throws is caught, counted and logged at most every 10 s, never propagated into native
 * code.
 */
public final class FastDdsBus implements Bus {
  private static final Logger log = LoggerFactory.getLogger(FastDdsBus.class);

  /** Largest domain id whose RTPS ports fit in 16 bits with the default port mapping. */
  public static final int MAX_DOMAIN_ID = 232;

  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9_]+");

  private final Options options;
  private final BusLossListener losses;
  private final Domain domain;
  private final Participant participant;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Held across type registration, endpoint creation and {@link #close}, so no endpoint is created
   * on a participant being removed.
   */
  private final Object lock = new Object();

  private final RawTypeRegistry types;
  private final Map<FastDdsSubscription, Subscriber<RawSample>> subscriptions =
      new ConcurrentHashMap<>();
  private final Map<FastDdsPublisher, Publisher> publishers = new ConcurrentHashMap<>();

  /**
   * How to join the bus.
   *
   * @param domainId DDS domain id, 0..232
   * @param nodeName participant name shown to other nodes; letters, digits and {@code _}
   * @param peers unicast discovery peers (IPv4), for networks without multicast; empty for the
   *     default multicast discovery
   * @param loopbackOnly use only the loopback interface (what {@code ROS_LOCALHOST_ONLY=1} does for
   *     ROS 2 nodes; pair it with peer 127.0.0.1 where loopback has no multicast)
   * @param sharedMemory also use Fast-DDS shared-memory transport with same-host Fast-DDS peers
   * @param socketBufferBytes UDP send and receive buffer size the participant's sockets ask for, 0
   *     for the kernel's defaults ({@code net.core.rmem_default}); the kernel caps it at {@code
   *     net.core.rmem_max} / {@code wmem_max}
   */
  public record Options(
      int domainId,
      String nodeName,
      List<InetAddress> peers,
      boolean loopbackOnly,
      boolean sharedMemory,
      int socketBufferBytes) {
    public Options {
      if (socketBufferBytes < 0) {
        throw new IllegalArgumentException(
            "socketBufferBytes : " + socketBufferBytes + " (expected: >= 0)");
      }
      if (domainId < 0 || domainId > MAX_DOMAIN_ID) {
        throw new IllegalArgumentException(
            "domainId : " + domainId + " (expected: 0.." + MAX_DOMAIN_ID + ")");
      }
      Objects.requireNonNull(nodeName, "nodeName");
      if (!NODE_NAME.matcher(nodeName).matches()) {
        throw new IllegalArgumentException(
            "nodeName : " + nodeName + " (expected: letters, digits and _)");
      }
      peers = List.copyOf(peers);
      for (InetAddress peer : peers) {
        if (!(peer instanceof Inet4Address)) {
          throw new IllegalArgumentException("peers : " + peer + " (expected: IPv4 address)");
        }
      }
    }

    /** Options with the kernel's default socket buffer sizes. */
    public Options(
        int domainId,
        String nodeName,
        List<InetAddress> peers,
        boolean loopbackOnly,
        boolean sharedMemory) {
      this(domainId, nodeName, peers, loopbackOnly, sharedMemory, 0);
    }

    /** Default discovery (multicast) on all interfaces, UDP only. */
    public static Options of(int domainId, String nodeName) {
      return new Options(domainId, nodeName, List.of(), false, false);
    }

    /** These options with sockets asking for {@code bytes} of send and receive buffer. */
    public Options withSocketBufferBytes(int bytes) {
      return new Options(domainId, nodeName, peers, loopbackOnly, sharedMemory, bytes);
    }
  }

  private FastDdsBus(
      Options options, Domain domain, Participant participant, BusLossListener losses) {
    this.options = options;
    this.losses = losses;
    this.domain = domain;
    this.participant = participant;
    this.types = new RawTypeRegistry(domain, participant);
  }

  /**
   * Joins DDS domain {@code domainId} as participant {@code nodeName} with default discovery.
   *
   * @throws IllegalStateException if the Fast-DDS native libraries cannot be loaded
   * @throws UncheckedIOException if Fast-DDS refuses to create the participant
   */
  public static FastDdsBus join(int domainId, String nodeName) {
    return join(Options.of(domainId, nodeName));
  }

  /**
   * Joins the bus as described by {@code options}. The first participant in a JVM takes about a
   * second (native libraries load); later ones tens of milliseconds.
   *
   * @throws IllegalStateException if the Fast-DDS native libraries cannot be loaded
   * @throws UncheckedIOException if Fast-DDS refuses to create the participant
   */
  public static FastDdsBus join(Options options) {
    return join(options, BusLossListener.NONE);
  }

  /**
   * Joins the bus as described by {@code options}, telling {@code losses} of every sample lost on a
   * subscription before it reached the handler (sequence gaps, oversize drops).
   *
   * @throws IllegalStateException if the Fast-DDS native libraries cannot be loaded
   * @throws UncheckedIOException if Fast-DDS refuses to create the participant
   */
  public static FastDdsBus join(Options options, BusLossListener losses) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(losses, "losses");
    Domain domain = FastDdsParticipants.loadDomain();
    try {
      Participant participant = FastDdsParticipants.create(domain, options);
      log.info(
          "Joined DDS domain {} as {} (peers {}, loopback only {}, shared memory {}, socket"
              + " buffers {})",
          options.domainId(),
          options.nodeName(),
          options.peers(),
          options.loopbackOnly(),
          options.sharedMemory(),
          options.socketBufferBytes() == 0 ? "kernel default" : options.socketBufferBytes());
      return new FastDdsBus(options, domain, participant, losses);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create DDS participant "
              + options.nodeName()
              + " on domain "
              + options.domainId(),
          e);
    }
  }

  @Override
  public BusSubscription subscribe(SubscriptionSpec spec, SampleHandler handler) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(handler, "handler");
    return open(
        spec,
        new FastDdsSubscription(
            spec.topic(), spec.maxSampleBytes(), handler, losses, this::removeSubscription));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The subscription preallocates one array of {@code spec.maxSampleBytes()} and copies every
   * sample into it from the Fast-DDS payload buffer: no Java allocation per sample.
   */
  @Override
  public BusSubscription subscribeRaw(SubscriptionSpec spec, RawSampleHandler handler) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(handler, "handler");
    return open(
        spec,
        new FastDdsSubscription(
            spec.topic(), spec.maxSampleBytes(), handler, losses, this::removeSubscription),
        true);
  }

  private BusSubscription open(SubscriptionSpec spec, FastDdsSubscription subscription) {
    return open(spec, subscription, false);
  }

  private BusSubscription open(
      SubscriptionSpec spec, FastDdsSubscription subscription, boolean fullyPreallocated) {
    String ddsTopic = RosNames.ddsTopic(spec.topic());
    synchronized (lock) {
      requireOpen();
      RawCdrDataType type = types.typeFor(spec);
      try {
        SubscriberAttributes attributes =
            fullyPreallocated
                ? EndpointAttributes.fullyPreallocatedReader(spec, type, ddsTopic)
                : EndpointAttributes.reader(spec, type, ddsTopic);
        Subscriber<RawSample> subscriber = createSubscriber(attributes, subscription);
        subscriptions.put(subscription, subscriber);
        losses.onSubscribed(spec.topic());
        subscription.markReady(subscriber);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot subscribe to " + spec.topic(), e);
      }
      log.info("Subscribed to {} ({}, {})", spec.topic(), spec.type(), spec.qos());
      return subscription;
    }
  }

  @SuppressWarnings("unchecked")
  private Subscriber<RawSample> createSubscriber(
      SubscriberAttributes attributes, FastDdsSubscription listener) throws IOException {
    return domain.createSubscriber(participant, attributes, listener);
  }

  @Override
  public BusPublisher publisher(SubscriptionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    String ddsTopic = RosNames.ddsTopic(spec.topic());
    synchronized (lock) {
      requireOpen();
      RawCdrDataType type = types.typeFor(spec);
      FastDdsPublisher publisher =
          new FastDdsPublisher(spec.topic(), spec.maxSampleBytes(), this::removePublisher);
      try {
        Publisher endpoint =
            domain.createPublisher(
                participant, EndpointAttributes.writer(spec, type, ddsTopic), publisher);
        publisher.attach(endpoint);
        publishers.put(publisher, endpoint);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot publish on " + spec.topic(), e);
      }
      log.info("Publishing on {} ({}, {})", spec.topic(), spec.type(), spec.qos());
      return publisher;
    }
  }

  private void removeSubscription(FastDdsSubscription subscription) {
    Subscriber<RawSample> endpoint = subscriptions.remove(subscription);
    if (endpoint != null) {
      try {
        domain.removeSubscriber(endpoint);
      } catch (RuntimeException e) {
        log.warn("Removing subscription {} failed: {}", subscription.topic(), e.toString());
      }
    }
  }

  private void removePublisher(FastDdsPublisher publisher) {
    Publisher endpoint = publishers.remove(publisher);
    if (endpoint != null) {
      try {
        domain.removePublisher(endpoint);
      } catch (RuntimeException e) {
        log.warn("Removing publisher {} failed: {}", publisher.topic(), e.toString());
      }
    }
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("bus is closed");
    }
  }

  /** The options this bus joined with. */
  public Options options() {
    return options;
  }

  @Override
  public boolean joined() {
    return !closed.get();
  }

  /** Number of open subscriptions. */
  int subscriptionCount() {
    return subscriptions.size();
  }

  /** Number of open publishers. */
  int publisherCount() {
    return publishers.size();
  }

  /** Closes every subscription and publisher, then leaves the domain. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (lock) {
      for (FastDdsSubscription subscription : new ArrayList<>(subscriptions.keySet())) {
        subscription.close();
      }
      for (FastDdsPublisher publisher : new ArrayList<>(publishers.keySet())) {
        publisher.close();
      }
      try {
        domain.removeParticipant(participant);
      } catch (RuntimeException e) {
        log.warn("Leaving DDS domain {} failed: {}", options.domainId(), e.toString());
      }
    }
    log.info("Left DDS domain {} ({})", options.domainId(), options.nodeName());
  }
}
