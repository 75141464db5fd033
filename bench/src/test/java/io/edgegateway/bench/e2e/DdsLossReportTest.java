package io.edgegateway.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DDS-level loss {@link DdsLossReport} reads from a scrape and appends to the final line. */
class DdsLossReportTest {
  private static final String SCRAPE =
      """
      # TYPE gateway_dds_lost_samples_total counter
      gateway_dds_lost_samples_total{reason="sequence_gap",topic="/imu"} 12.0
      gateway_dds_lost_samples_total{reason="oversize",topic="/imu"} 1.0
      gateway_dds_lost_samples_total{reason="sequence_gap",topic="/ft"} 0.0
      gateway_dds_lost_samples_total{reason="sequence_gap",topic="/joint_states"} 3.0
      gateway_dds_lost_samples_total{reason="before_match",topic="/joint_states"} 5.0
      """;

  @Test
  void lossPerTopicAndBeforeMatchApartAreAppendedToTheFinalLineWhichStillMatchesItsFormat() {
    Map<String, Object> r = new HashMap<>();
    r.put("sim_match_wait_s", 0.42);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    String suffix =
        DdsLossReport.report(
            SCRAPE, 100, 140, r, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(suffix)
        .isEqualTo(
            " dds_lost=21 dds_lost_by_topic=/imu:13,/joint_states:8 rcvbuf_errors=40"
                + " before_match=5 match_wait_s=0.42");
    assertThat(r)
        .containsEntry("dds_lost", 21L)
        .containsEntry("rcvbuf_errors", 40L)
        .containsEntry("dds_lost_before_match", 5L);
    assertThat(
            "scenario=humanoid-1 ingest_ratio=1.000 uplink_ratio=0.500 cpu_pct=40.0 rss_mb=300"
                + " loss=0 cpu_ratio_vs_raw=2.00"
                + suffix)
        .matches(SummaryReport.FINAL_LINE);
  }

  @Test
  void aScrapeWithoutTheCounterReportsNoLoss() {
    String suffix =
        DdsLossReport.report(
            "", -1, 5, new HashMap<>(), new PrintStream(new ByteArrayOutputStream(), true));

    assertThat(suffix)
        .isEqualTo(
            " dds_lost=0 dds_lost_by_topic=- rcvbuf_errors=-1 before_match=0 match_wait_s=-1.00");
  }
}
