package io.edgegateway.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncSourcesTest {
  @TempDir Path proc;

  private void process(int pid, String comm) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.writeString(dir.resolve("comm"), comm + "\n");
  }

  @Test
  void noTimeDaemon_isEmpty() throws Exception {
    process(1, "systemd");
    process(200, "bash");

    assertThat(new SyncSources(proc).find()).isEmpty();
  }

  @Test
  void theTruncatedTimesyncdCommand_isNamedInFull() throws Exception {
    process(1, "systemd");
    process(312, "systemd-timesyn");

    assertThat(new SyncSources(proc).find()).contains("systemd-timesyncd");
  }

  @Test
  void phc2sysTakesPrecedenceOverPtp4lAndChrony() throws Exception {
    process(10, "ptp4l");
    process(11, "chronyd");
    process(12, "phc2sys");
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(proc.resolve("uptime"), "1.0 1.0\n");

    assertThat(new SyncSources(proc).find()).contains("phc2sys");
  }

  @Test
  void aProcessDirWithoutComm_andAMissingProc_areNotAnError() throws Exception {
    Files.createDirectories(proc.resolve("77"));
    process(78, "ntpd");

    assertThat(new SyncSources(proc).find()).contains("ntpd");
    assertThat(new SyncSources(proc.resolve("missing")).find()).isEmpty();
  }
}
