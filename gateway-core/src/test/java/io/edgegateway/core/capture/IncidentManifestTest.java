package io.edgegateway.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The incident manifest's JSON and the checksum it carries. */
class IncidentManifestTest {

  private static IncidentManifest manifest() {
    return new IncidentManifest(
        "20261207T101500-1a2b3c4d",
        "hx-0042",
        List.of("fall", "manual"),
        "/diagnostics: status[*].level >= 2",
        1_000L,
        9_000L,
        Map.of("/imu", 400L, "/joint_states", 1000L),
        3,
        17,
        19,
        false,
        "the gateway was not running from a to b",
        "ab".repeat(32));
  }

  @Test
  void theJsonIsCanonicalWithSortedKeysAndNamesWhatTheChecksumCovers() {
    String json = new String(manifest().toJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"batch_seqs\":{\"first\":17,\"last\":19},\"batches\":3,"
                + "\"checksum\":{\"algorithm\":\"sha256\",\"covers\":\"samples-v1\",\"value\":\""
                + "ab".repeat(32)
                + "\"},\"complete\":false,\"counts\":{\"/imu\":400,\"/joint_states\":1000},"
                + "\"gaps\":\"the gateway was not running from a to b\","
                + "\"incident_id\":\"20261207T101500-1a2b3c4d\",\"reason\":\"/diagnostics:"
                + " status[*].level >= 2\",\"record\":\"incident-manifest\","
                + "\"robot_id\":\"hx-0042\",\"samples\":1400,\"triggers\":[\"fall\",\"manual\"],"
                + "\"version\":1,\"window\":{\"from_ns\":1000,\"to_ns\":9000}}");
  }

  @Test
  void parseReadsBackWhatToJsonWrote() {
    assertThat(IncidentManifest.parse(manifest().toJson())).isEqualTo(manifest());
  }

  @Property(tries = 200)
  void anyManifestRoundTrips(
      @ForAll @AlphaChars @StringLength(min = 1, max = 20) String id,
      @ForAll @Size(min = 1, max = 4) List<@AlphaChars @StringLength(max = 8) String> triggers,
      @ForAll @AlphaChars @NumericChars @Chars({' ', '"', '\\', '\n', '/', 'ü', '\u0001'})
          String reason,
      @ForAll Map<@AlphaChars @Chars({'/', '_', '"'}) @StringLength(max = 12) String, Long> counts,
      @ForAll boolean complete,
      @ForAll @AlphaChars @Chars({' ', '\t', 'é'}) String gaps) {
    IncidentManifest m =
        new IncidentManifest(id, "r", triggers, reason, 1, 2, counts, 0, 0, 0, complete, gaps, "");
    assertThat(IncidentManifest.parse(m.toJson())).isEqualTo(m);
  }

  @Test
  void somethingElseIsRejectedWithAClearError() {
    assertThatThrownBy(() -> IncidentManifest.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(
            () ->
                IncidentManifest.parse(
                    "{\"record\":\"incident-manifest\",\"version\":2}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: incident-manifest version 1");
    byte[] wrongType =
        new String(manifest().toJson(), StandardCharsets.UTF_8)
            .replace("\"batches\":3", "\"batches\":\"3\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> IncidentManifest.parse(wrongType))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong type");
    assertThatThrownBy(() -> IncidentManifest.parse("{".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The checksum as docs/capture.md defines it, written independently of the class. */
  static String expectedChecksum(List<Envelope> samples) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (Envelope e : samples) {
        byte[] topic = e.topic().getBytes(StandardCharsets.UTF_8);
        out.writeInt(topic.length);
        out.write(topic);
        out.writeLong(e.receiveStampNs());
        out.writeLong(e.sourceStampNs());
        out.writeInt(e.payload().length);
        out.write(e.payload());
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }

  @Test
  void theChecksumCoversTopicStampsAndPayloadOfEverySampleInOrder() throws Exception {
    List<Envelope> samples =
        List.of(
            new Envelope("/imu", "sensor_msgs/msg/Imu", 5, 10, 1, new byte[] {0, 1, 0, 0, 7}),
            new Envelope("/chätter", "std_msgs/msg/String", 6, 11, 9, new byte[0]),
            new Envelope("/imu", "sensor_msgs/msg/Imu", 7, 11, 2, new byte[] {0, 1, 0, 0, 8}));
    IncidentChecksum checksum = new IncidentChecksum();
    assertThat(checksum.hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    samples.forEach(checksum::add);
    assertThat(checksum.hex()).isEqualTo(expectedChecksum(samples)).isEqualTo(checksum.hex());
    IncidentChecksum reordered = new IncidentChecksum();
    List.of(samples.get(1), samples.get(0), samples.get(2)).forEach(reordered::add);
    assertThat(reordered.hex()).as("order matters").isNotEqualTo(checksum.hex());
    IncidentChecksum seqIgnored = new IncidentChecksum();
    samples.stream()
        .map(
            e ->
                new Envelope(
                    e.topic(), e.type(), e.sourceStampNs(), e.receiveStampNs(), 0, e.payload()))
        .forEach(seqIgnored::add);
    assertThat(seqIgnored.hex()).as("seq is not covered").isEqualTo(checksum.hex());
  }
}
