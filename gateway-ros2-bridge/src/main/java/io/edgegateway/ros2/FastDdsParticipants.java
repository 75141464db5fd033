package io.edgegateway.ros2;

import com.eprosima.xmlschemas.fastrtps_profiles.BuiltinAttributesType;
import com.eprosima.xmlschemas.fastrtps_profiles.LocatorListType;
import com.eprosima.xmlschemas.fastrtps_profiles.ParticipantProfileType;
import com.eprosima.xmlschemas.fastrtps_profiles.TransportDescriptorType;
import com.eprosima.xmlschemas.fastrtps_profiles.Udpv4LocatorType;
import jakarta.xml.bind.JAXBElement;
import java.io.IOException;
import java.net.InetAddress;
import java.util.UUID;
import javax.xml.namespace.QName;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.DomainFactory;
import us.ihmc.pubsub.attributes.ParticipantProfile;
import us.ihmc.pubsub.common.Time;
import us.ihmc.pubsub.participant.Participant;

/**
 * How a {@link FastDdsBus} joins a domain: loads Fast-DDS (its bundled native libraries), turns the
 * bus's {@link FastDdsBus.Options} into a participant profile (interfaces, shared memory, discovery
 * lease, initial peers, socket buffer sizes, the shared-memory segment size) and creates the
 * participant.
 */
final class FastDdsParticipants {
  private static final Time LEASE_DURATION = new Time(20, 0);

  /**
   * Size of the shared-memory segment a participant allocates its outgoing samples from, at least:
   * Fast-DDS's default (512 KiB) holds 8 camera frames, which a ×10 burst fills while a reader is
   * busy; the socket buffer size when that is larger.
   */
  static final long MIN_SHM_SEGMENT_BYTES = 4L << 20;

  /**
   * Samples a shared-memory listening port queues before a best-effort writer drops them (Fast-DDS
   * default 512): with 512, humanoid-1x10 lost 12–27 % of its samples as sequence gaps, with 4096
   * 2.7–3.2 % at a similar load (benchmarks.md), about what a 4 MiB UDP socket buffer holds in
   * small datagrams.
   */
  static final long SHM_PORT_QUEUE_CAPACITY = 4096;

  private static final QName WHITELIST_ADDRESS =
      new QName("http://www.eprosima.com/XMLSchemas/fastRTPS_Profiles", "address");

  private FastDdsParticipants() {}

  /**
   * The Fast-DDS domain with the bundled native libraries.
   *
   * @throws IllegalStateException if the native libraries cannot be loaded
   */
  static Domain loadDomain() {
    try {
      return DomainFactory.getDefaultDomain();
    } catch (LinkageError e) {
      throw new IllegalStateException(
          "Fast-DDS native libraries failed to load; they are extracted under "
              + System.getProperty("user.home")
              + "/.ihmc, which must be writable (set -Duser.home)",
          e);
    }
  }

  /** Creates the participant described by {@code options} on {@code domain}. */
  static Participant create(Domain domain, FastDdsBus.Options options) throws IOException {
    // No participant listener: ihmc-pub-sub prints every participant discovery event to
    // System.out when one is set, which would corrupt the stdout of CLI commands (topics --json).
    return domain.createParticipant(profile(options));
  }

  static ParticipantProfile profile(FastDdsBus.Options options) {
    InetAddress[] interfaces =
        options.loopbackOnly()
            ? new InetAddress[] {InetAddress.getLoopbackAddress()}
            : new InetAddress[0];
    ParticipantProfile profile = transports(options, interfaces);
    profile.name(options.nodeName());
    profile.discoveryLeaseDuration(LEASE_DURATION);
    if (!options.peers().isEmpty()) {
      LocatorListType initialPeers = new LocatorListType();
      for (InetAddress peer : options.peers()) {
        Udpv4LocatorType udp = new Udpv4LocatorType();
        udp.setAddress(peer.getHostAddress());
        LocatorListType.Locator locator = new LocatorListType.Locator();
        locator.getUdpv4().add(udp);
        initialPeers.getLocator().add(locator);
      }
      BuiltinAttributesType builtin = profile.getProfile().getRtps().getBuiltin();
      if (builtin == null) {
        builtin = new BuiltinAttributesType();
        profile.getProfile().getRtps().setBuiltin(builtin);
      }
      builtin.setInitialPeersList(initialPeers);
    }
    return profile;
  }

  /**
   * A profile with the transports of {@code ROS2NodeInterface.createParticipantAttributes} (no
   * builtin transports; shared memory first when asked for; one UDPv4 transport, restricted to
   * {@code interfaces} when any are given), plus the socket buffer sizes, which Fast-DDS takes from
   * each user transport's descriptor (the participant's own fields are set too).
   */
  private static ParticipantProfile transports(
      FastDdsBus.Options options, InetAddress[] interfaces) {
    ParticipantProfile profile =
        ParticipantProfile.create().domainId(options.domainId()).useBuiltinTransports(false);
    if (options.sharedMemory()) {
      TransportDescriptorType shm = new TransportDescriptorType();
      shm.setTransportId(UUID.randomUUID().toString());
      shm.setType("SHM");
      shm.setSegmentSize(Math.max(MIN_SHM_SEGMENT_BYTES, options.socketBufferBytes()));
      shm.setPortQueueCapacity(SHM_PORT_QUEUE_CAPACITY);
      profile.addTransport(shm);
    }
    TransportDescriptorType udp = new TransportDescriptorType();
    udp.setTransportId(UUID.randomUUID().toString());
    udp.setType("UDPv4");
    if (interfaces.length > 0) {
      TransportDescriptorType.InterfaceWhiteList whiteList =
          new TransportDescriptorType.InterfaceWhiteList();
      for (InetAddress address : interfaces) {
        whiteList
            .getAddressOrInterface()
            .add(new JAXBElement<>(WHITELIST_ADDRESS, String.class, address.getHostAddress()));
      }
      udp.setInterfaceWhiteList(whiteList);
    }
    long bytes = options.socketBufferBytes();
    if (bytes > 0) {
      udp.setSendBufferSize(bytes);
      udp.setReceiveBufferSize(bytes);
      ParticipantProfileType.Rtps rtps = profile.getProfile().getRtps();
      rtps.setSendSocketBufferSize(bytes);
      rtps.setListenSocketBufferSize(bytes);
    }
    profile.addTransport(udp);
    return profile;
  }
}
