package io.edgegateway.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KernelClockTest {
  /** Python's ctypes calls the same system call through a different FFI: an independent reader. */
  private static final String PYTHON_ADJTIMEX =
      "import ctypes\n"
          + "buf = ctypes.create_string_buffer(512)\n"
          + "state = ctypes.CDLL(None, use_errno=True).adjtimex(buf)\n"
          + "L = ctypes.sizeof(ctypes.c_long)\n"
          + "status = int.from_bytes(buf.raw[5*L:5*L+4], 'little', signed=True)\n"
          + "print(state, status)\n";

  @Test
  void readsTheSameStateAndStatusAsAnIndependentAdjtimexCall() throws Exception {
    ClockSync sync = KernelClock.open().orElseThrow().read();
    Process py =
        new ProcessBuilder("python3", "-c", PYTHON_ADJTIMEX).redirectErrorStream(true).start();
    String out = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(py.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(py.exitValue()).as(out).isZero();
    String[] parts = out.split(" ");
    assertThat(sync.state()).isEqualTo(Integer.parseInt(parts[0]));
    assertThat(sync.status()).isEqualTo(Integer.parseInt(parts[1]));
    assertThat(sync.state()).isBetween(0, ClockSync.TIME_ERROR);
    assertThat(sync.maxErrorMicros()).isNotNegative();
    assertThat(sync.synchronised())
        .isEqualTo(
            sync.state() != ClockSync.TIME_ERROR && (sync.status() & ClockSync.STA_UNSYNC) == 0);
  }

  @Test
  void timeErrorMeansUnsynchronised() {
    assertThat(
            new ClockSync(ClockSync.TIME_ERROR, ClockSync.STA_UNSYNC, 16_000_000, 0).synchronised())
        .isFalse();
    assertThat(new ClockSync(0, ClockSync.STA_UNSYNC, 16_000_000, 0).synchronised())
        .as("STA_UNSYNC set, though the state is TIME_OK")
        .isFalse();
    ClockSync ok = new ClockSync(0, 0x2001, 250_000, 1_500);
    assertThat(ok.synchronised()).isTrue();
    assertThat(ok.maxErrorSeconds()).isEqualTo(0.25);
    assertThat(ok.estimatedErrorSeconds()).isEqualTo(0.0015);
  }
}
