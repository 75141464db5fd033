package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExportProgressTest {
  private final AtomicLong now = new AtomicLong();

  @Test
  void onATerminal_printsAtMostEveryHalfSecond_withBytesMessagesAndEta() {
    StringWriter err = new StringWriter();
    ExportProgress p = new ExportProgress(new PrintWriter(err), true, now::get);
    now.set(100_000_000L);
    p.update(10, 1, 0.01);
    assertThat(err.toString()).isEmpty();
    now.set(1_000_000_000L);
    p.update(3 * 1024 * 1024, 500, 0.25);
    now.set(1_200_000_000L);
    p.update(4 * 1024 * 1024, 600, 0.30);
    p.finish();
    assertThat(err.toString())
        .isEqualTo("\rexport: 3.0 MiB, 500 messages, 25% read, ETA 0:03   \n");
  }

  @Test
  void inAPipe_printsNothing() {
    StringWriter err = new StringWriter();
    ExportProgress p = new ExportProgress(new PrintWriter(err), false, now::get);
    now.set(5_000_000_000L);
    p.update(10, 1, 0.5);
    p.finish();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void unknownFraction_showsNoEta() {
    assertThat(ExportProgress.line(512, 3, Double.NaN, 1_000_000_000L))
        .isEqualTo("export: 512 B, 3 messages, ? read, ETA --");
  }
}
