package io.edgegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit as the built package installs it, checked by systemd's own {@code
 * systemd-analyze} (252 here): {@code verify} and the offline {@code security} score.
 *
 * <p>{@code verify} wants every command the unit runs and every unit it names to exist, so it runs
 * with {@code --root=} on the extracted package plus what a real system has there: the host's own
 * units (targets) and {@code /bin/kill} (ExecReload).
 */
class PackagedUnitIT {
  private static final String UNIT = "edge-gateway.service";
  private static final Pattern EXPOSURE =
      Pattern.compile("Overall exposure level for " + Pattern.quote(UNIT) + ": (\\d+\\.\\d)");

  @TempDir static Path work;
  private static BuiltPackage pkg;

  @BeforeAll
  static void extract() throws Exception {
    pkg = BuiltPackage.extract(work);
    Path units = pkg.file("/usr/lib/systemd/system");
    Commands.check(work, List.of("cp", "-rn", "/usr/lib/systemd/system/.", units.toString()));
    Path usrBin = pkg.file("/usr/bin");
    Files.copy(Path.of("/usr/bin/kill"), usrBin.resolve("kill"));
    Files.createSymbolicLink(pkg.root().resolve("bin"), Path.of("usr/bin"));
  }

  @Test
  void packagedUnitPassesSystemdAnalyzeVerify() throws Exception {
    Commands.Result r = verify();
    assertThat(r.output()).isEmpty();
    assertThat(r.exit()).isZero();
  }

  @Test
  void verifyReportsAUnitWithAnUnknownDirective() throws Exception {
    Path unit = pkg.file("/usr/lib/systemd/system/" + UNIT);
    String good = Files.readString(unit);
    try {
      Files.writeString(unit, good.replace("ProtectSystem=strict", "ProtectSystm=strict"));
      // systemd-analyze warns (exit 0) about an unknown key: "clean" means no output at all.
      assertThat(verify().output()).contains("Unknown key 'ProtectSystm'");
    } finally {
      Files.writeString(unit, good);
    }
  }

  @Test
  void verifyFailsWhenTheLauncherIsMissing() throws Exception {
    Path launcher = pkg.file("/usr/bin/edge-gateway");
    Path aside = launcher.resolveSibling("edge-gateway.aside");
    Files.move(launcher, aside);
    try {
      Commands.Result r = verify();
      assertThat(r.exit()).isNotZero();
      assertThat(r.output()).contains("/usr/bin/edge-gateway");
    } finally {
      Files.move(aside, launcher);
    }
  }

  @Test
  void packagedUnitExposureIsAtMostTwo() throws Exception {
    Commands.Result r =
        Commands.run(
            work,
            List.of(
                "systemd-analyze",
                "security",
                "--offline=yes",
                "--no-pager",
                "--root=" + pkg.root(),
                UNIT));
    Matcher m = EXPOSURE.matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).as(r.output()).isLessThanOrEqualTo(2.0);
  }

  @Test
  void unitKeepsWhatTheDaemonNeeds() throws IOException {
    List<String> lines = Files.readAllLines(pkg.file("/usr/lib/systemd/system/" + UNIT));
    assertThat(lines)
        .contains(
            "Type=notify",
            "NotifyAccess=main",
            "WatchdogSec=30s",
            "ExecReload=/bin/kill -HUP $MAINPID",
            "Restart=on-failure",
            "User=edge-gateway",
            "StateDirectory=edge-gateway",
            "ExecStart=/usr/bin/edge-gateway run --config /etc/edge-gateway/gateway.yaml",
            "AmbientCapabilities=CAP_SYS_NICE",
            "CapabilityBoundingSet=CAP_SYS_NICE",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_NETLINK AF_UNIX");
    assertThat(lines).anyMatch(l -> l.startsWith("LimitRTPRIO="));
    // SCHED_FIFO and the JIT must stay possible.
    assertThat(lines)
        .noneMatch(
            l -> l.startsWith("RestrictRealtime=") || l.startsWith("MemoryDenyWriteExecute="));
  }

  private static Commands.Result verify() throws Exception {
    return Commands.run(
        work, List.of("systemd-analyze", "verify", "--no-pager", "--root=" + pkg.root(), UNIT));
  }
}
