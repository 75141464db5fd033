package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.Ros2Distro;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.testkit.cdr.CdrWriter;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import io.edgegateway.testkit.dds.RosSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decode} prints one JSON object for a valid sample, one error line and exit 2 otherwise.
 */
class DecodeCommandTest {
  @TempDir Path dir;

  private Path sample(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("sample.cdr"), bytes);
  }

  @Test
  void decodesAFileToOneJsonObjectWithTheMsgFieldNames() throws IOException {
    Path f = sample(RosSamples.cycloneImu(2));

    CliRun r = CliRun.of("decode", "--type", "sensor_msgs/msg/Imu", "--file", f.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("header").get("frame_id").asText()).isEqualTo("imu_link");
    assertThat(json.get("header").get("stamp").get("nanosec").asLong()).isEqualTo(2000);
    assertThat(json.get("orientation").get("x").asDouble()).isEqualTo(1.0);
    assertThat(json.get("linear_acceleration_covariance")).hasSize(9);
  }

  @Test
  void decodesStdinAndPrintsByteArraysAsBase64() throws IOException {
    byte[] image = HumanoidMessages.compressedImage("/camera/compressed", 3, 1_000_000_000L);
    InputStream stdin = System.in;
    CliRun r;
    try {
      System.setIn(new ByteArrayInputStream(image));
      r = CliRun.of("decode", "--type", "sensor_msgs/msg/CompressedImage");
    } finally {
      System.setIn(stdin);
    }

    assertThat(r.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("format").asText()).isEqualTo("jpeg");
    byte[] data = Base64.getDecoder().decode(json.get("data").asText());
    assertThat(data).isEqualTo(Arrays.copyOfRange(image, image.length - data.length, image.length));
  }

  @Test
  void usesMessagePathsForSiteTypes() throws IOException {
    Path share = dir.resolve("share");
    Files.createDirectories(share.resolve("g1_msgs/msg"));
    Files.writeString(share.resolve("g1_msgs/msg/Motor.msg"), "uint8 id\nfloat64 temperature\n");
    Path f = sample(new CdrWriter().uint8(7).float64(41.5).toByteArray());

    CliRun r =
        CliRun.of(
            "decode",
            "--type",
            "g1_msgs/msg/Motor",
            "--message-path",
            share.toString(),
            "--file",
            f.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo("{\"id\":7,\"temperature\":41.5}");
  }

  @Test
  void garbageGivesOneErrorLineAndExit2() throws IOException {
    Path f = sample(new byte[] {0, 1, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

    CliRun r = CliRun.of("decode", "--type", "std_msgs/msg/String", "--file", f.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("edge-gateway decode: malformed std_msgs/msg/String sample: ")
                    .contains("4294967295"));
  }

  @Test
  void unknownTypeAndMissingFileGiveOneErrorLineAndExit2() throws IOException {
    Path f = sample(RosSamples.cycloneString(1));

    CliRun unknown = CliRun.of("decode", "--type", "nope_msgs/msg/Nothing", "--file", f.toString());
    CliRun missing =
        CliRun.of("decode", "--type", "std_msgs/msg/String", "--file", dir.resolve("x").toString());

    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().lines())
        .containsExactly("edge-gateway decode: unknown message type nope_msgs/msg/Nothing");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().lines())
        .containsExactly("edge-gateway decode: " + dir.resolve("x") + ": no such file");
  }

  @Test
  void distroPicksTheDistributionsDefinitionOfATypeThatChanged() throws IOException {
    assumeTrue(
        MessageRegistry.bundledDistros().contains(Ros2Distro.HUMBLE),
        "this build has no per-distribution definitions (built without npm: gateway-ros2-bridge/src/tools/bundle-msgdefs.sh)");
    // a Jazzy sensor_msgs/msg/Range: Humble's fields, then float32 variance
    Path f =
        sample(
            new CdrWriter()
                .header(5, 6, "sonar")
                .uint8(0)
                .float32(0.5f)
                .float32(0.1f)
                .float32(4f)
                .float32(1.25f)
                .float32(0.01f)
                .toByteArray());

    CliRun jazzy = CliRun.of("decode", "--type", "sensor_msgs/msg/Range", "--file", f.toString());
    CliRun humble =
        CliRun.of(
            "decode",
            "--type",
            "sensor_msgs/msg/Range",
            "--distro",
            "humble",
            "--file",
            f.toString());
    CliRun unknown =
        CliRun.of(
            "decode",
            "--type",
            "sensor_msgs/msg/Range",
            "--distro",
            "kilted",
            "--file",
            f.toString());

    assertThat(jazzy.exit()).isZero();
    JsonNode j = new ObjectMapper().readTree(jazzy.out());
    assertThat(j.get("range").floatValue()).isEqualTo(1.25f);
    assertThat(j.get("variance").floatValue()).isEqualTo(0.01f);
    assertThat(humble.exit()).isZero();
    assertThat(new ObjectMapper().readTree(humble.out()).has("variance")).isFalse();
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().lines())
        .containsExactly(
            "edge-gateway decode: unknown --distro kilted (expected one of: humble, iron, jazzy)");
  }
}
