package io.edgegateway.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseSummaryTest {
  @Test
  void drainRunsFromTheLastIdleSampleAfterTheRestartToTheFirstWithAnEmptyQueue() {
    SampleSeries samples = new SampleSeries();
    samples.add(sample(9.0, 1000, 40)); // before the restart at 10 s
    samples.add(sample(10.5, 1000, 40)); // reconnecting: no new bytes
    samples.add(sample(11.0, 1000, 40)); // last idle sample
    samples.add(sample(11.5, 3000, 20));
    samples.add(sample(13.0, 9000, 0)); // queue empty
    samples.add(sample(14.0, 9000, 0));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("t_outage_start", 6.0);
    r.put("t_sim_end", 9.0);

    PhaseSummary.drain(samples, r, 10.0);

    assertThat((double) r.get("reconnect_s")).isCloseTo(1.0, within(1e-9));
    assertThat((double) r.get("drain_s")).isCloseTo(2.0, within(1e-9));
    assertThat((double) r.get("backlog_s")).isCloseTo(3.0, within(1e-9));
    assertThat((double) r.get("drain_bytes")).isCloseTo(8000, within(1e-9));
    assertThat((double) r.get("drain_bytes_s")).isCloseTo(4000, within(1e-9));
    assertThat((double) r.get("drain_x")).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void theLiveWindowRunsFromTheWarmUpSampleToThePreOutageSample() {
    SampleSeries samples = new SampleSeries();
    DaemonSample a = new DaemonSample(10.0, 1_000, 100, 0, 0.1, 2.0, 200, true);
    samples.add(new DaemonSample(5.0, 0, 0, 0, 9.0, 1.0, 150, true)); // warm-up: left out
    samples.add(a);
    samples.add(new DaemonSample(12.0, 1_000, 100, 0, 0.1, 2.5, 210, false)); // between scrapes
    samples.add(new DaemonSample(25.0, 2_000, 200, 0, 0.4, 4.0, 220, true));
    DaemonSample b = new DaemonSample(30.0, 3_000, 300, 0, 0.2, 5.0, 230, true);
    samples.add(b);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("t_sim_end", 40.0);
    PromText none = PromText.parse("");

    PhaseSummary.live(samples, r, a, b, none, none, 30.0);

    assertThat((double) r.get("live_window_s")).isCloseTo(20.0, within(1e-9));
    assertThat((double) r.get("cpu_pct")).isCloseTo(15.0, within(1e-9)); // 3 s of CPU in 20 s
    assertThat((double) r.get("live_received")).isCloseTo(2_000, within(1e-9));
    assertThat((double) r.get("uplink_live_bytes_s")).isCloseTo(10, within(1e-9));
    assertThat((double) r.get("lag_max_s")).isCloseTo(0.4, within(1e-9));
    assertThat((double) r.get("rss_mb")).isCloseTo(230, within(1e-9));
  }

  @Test
  void samplesAtOrBeforeAndAfterFallBackToTheEnds() {
    SampleSeries samples = new SampleSeries();
    samples.add(sample(1.0, 0, 0));
    samples.add(sample(2.0, 0, 0));

    assertThat(samples.atOrBefore(0.5).t()).isEqualTo(1.0);
    assertThat(samples.atOrBefore(1.5).t()).isEqualTo(1.0);
    assertThat(samples.atOrAfter(1.5).t()).isEqualTo(2.0);
    assertThat(samples.atOrAfter(9.0).t()).isEqualTo(2.0);
  }

  private static DaemonSample sample(double t, double uplinkBytes, double queueBatches) {
    return new DaemonSample(t, 0, uplinkBytes, queueBatches, 0, 0, 0, true);
  }
}
