package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The participant profile {@link FastDdsParticipants} builds from {@link FastDdsBus.Options}. */
class FastDdsParticipantsTest {

  @Test
  void participantProfileCarriesPeersInterfacesAndLease() throws IOException {
    FastDdsBus.Options options =
        new FastDdsBus.Options(
            42,
            "profile_test",
            List.of(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("127.0.0.1")),
            true,
            false);

    String xml = FastDdsParticipants.profile(options).marshall("participant_1");

    assertThat(xml)
        .contains("<domainId>42</domainId>")
        .contains("<name>profile_test</name>")
        .containsPattern(
            "<initialPeersList>\\s*<locator>\\s*<udpv4>\\s*<address>10.1.2.3</address>")
        .contains("<address>127.0.0.1</address>")
        .containsPattern("<interfaceWhiteList>\\s*<address>127.0.0.1</address>");
  }

  @Test
  void defaultParticipantProfileHasNoPeersAndNoInterfaceRestriction() throws IOException {
    String xml =
        FastDdsParticipants.profile(FastDdsBus.Options.of(7, "default_test")).marshall("p");

    assertThat(xml).doesNotContain("initialPeersList").doesNotContain("interfaceWhiteList");
  }

  @Test
  void socketBufferBytesGoToTheUdpTransportAndTheParticipant() throws IOException {
    String xml =
        FastDdsParticipants.profile(
                FastDdsBus.Options.of(7, "buffer_test").withSocketBufferBytes(4 << 20))
            .marshall("p");

    assertThat(xml)
        .containsPattern("<type>UDPv4</type>[\\s\\S]*<sendBufferSize>4194304</sendBufferSize>")
        .contains("<receiveBufferSize>4194304</receiveBufferSize>")
        .contains("<listenSocketBufferSize>4194304</listenSocketBufferSize>")
        .contains("<sendSocketBufferSize>4194304</sendSocketBufferSize>");
  }

  @Test
  void sharedMemoryTransportComesBeforeUdpWithAFourMebibyteSegmentWhenAskedFor()
      throws IOException {
    String xml =
        FastDdsParticipants.profile(new FastDdsBus.Options(7, "shm_test", List.of(), false, true))
            .marshall("p");

    assertThat(xml).containsPattern("<type>SHM</type>[\\s\\S]*<type>UDPv4</type>");
    assertThat(xml).containsPattern("<type>SHM</type>\\s*<segment_size>4194304</segment_size>");
    assertThat(xml).contains("<port_queue_capacity>4096</port_queue_capacity>");
    assertThat(xml).doesNotContain("BufferSize>");
  }

  @Test
  void sharedMemorySegmentGrowsWithLargerSocketBuffers() throws IOException {
    String xml =
        FastDdsParticipants.profile(
                new FastDdsBus.Options(7, "shm_test", List.of(), false, true)
                    .withSocketBufferBytes(16 << 20))
            .marshall("p");

    assertThat(xml).contains("<segment_size>16777216</segment_size>");
  }
}
