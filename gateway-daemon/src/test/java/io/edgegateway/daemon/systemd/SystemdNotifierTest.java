package io.edgegateway.daemon.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgegateway.core.pipeline.LoopProgress;
import io.edgegateway.core.port.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The notifier against a real Unix datagram socket bound by the test (what systemd does), with
 * loop-progress sources the test turns, or stops turning.
 */
class SystemdNotifierTest {
  private static final Duration WATCHDOG = Duration.ofMillis(600);
  private static final Clock CLOCK = Clock.system();

  @TempDir Path dir;

  private final ScheduledExecutorService turner = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTurner() {
    turner.shutdownNow();
  }

  /** A loop the test turns every 20 ms while {@code turning} is true. */
  private LoopProgress loop(String name, AtomicBoolean turning) {
    LoopProgress p = new LoopProgress(name, CLOCK.monotonicNanos());
    turner.scheduleAtFixedRate(
        () -> {
          if (turning.get()) {
            p.turned(CLOCK.monotonicNanos());
          }
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
    return p;
  }

  private static SystemdNotifier notifier(
      NotifyListener listener, Optional<Duration> watchdog, List<LoopProgress> loops)
      throws Exception {
    NotifySocket socket = NotifySocket.open(LibC.load(), UnixAddress.of(listener.address()));
    return new SystemdNotifier(
        socket, watchdog, Duration.ofMillis(200), CLOCK, loops, () -> "ingest 7/s, uplink up");
  }

  @Test
  void ready_thenWatchdogEveryHalfInterval_statusPeriodically_stoppingLast() throws Exception {
    AtomicBoolean turning = new AtomicBoolean(true);
    try (NotifyListener listener = NotifyListener.bind(dir.resolve("notify").toString())) {
      SystemdNotifier n =
          notifier(
              listener,
              Optional.of(WATCHDOG),
              List.of(loop("batcher", turning), loop("uplink", turning)));
      n.ready();
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.with("WATCHDOG=1").size() >= 6);
      n.stopping();
      await().until(() -> !listener.with("STOPPING=1").isEmpty());

      List<NotifyListener.Message> all = listener.messages();
      assertThat(all.get(0).text()).startsWith("READY=1\nSTATUS=ingest 7/s, uplink up");
      assertThat(all.get(all.size() - 1).text()).startsWith("STOPPING=1");
      assertThat(listener.statuses()).contains("ingest 7/s, uplink up").hasSizeGreaterThan(3);
      List<NotifyListener.Message> pings = listener.with("WATCHDOG=1");
      for (int i = 1; i < pings.size(); i++) {
        long gapMs =
            TimeUnit.NANOSECONDS.toMillis(pings.get(i).atNanos() - pings.get(i - 1).atNanos());
        assertThat(gapMs).as("gap between pings %d and %d", i - 1, i).isBetween(150L, 600L);
      }
      long spanMs =
          TimeUnit.NANOSECONDS.toMillis(
              pings.get(pings.size() - 1).atNanos() - pings.get(0).atNanos());
      assertThat(spanMs / (double) (pings.size() - 1))
          .as("mean ping interval, ms")
          .isBetween(250.0, 400.0);
      int count = listener.messages().size();
      n.stopping(); // idempotent: nothing more is sent
      assertThat(listener.messages()).hasSize(count);
    }
  }

  @Test
  void aStuckLoopStopsTheWatchdogPings_namesTheLoopOnce_andThePingsResumeWhenItTurnsAgain()
      throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LoopWatch.class);
    logger.addAppender(logs);
    AtomicBoolean batcher = new AtomicBoolean(true);
    AtomicBoolean uplink = new AtomicBoolean(true);
    try (NotifyListener listener = NotifyListener.bind(dir.resolve("notify").toString())) {
      SystemdNotifier n =
          notifier(
              listener,
              Optional.of(WATCHDOG),
              List.of(loop("batcher", batcher), loop("uplink", uplink)));
      n.ready();
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.with("WATCHDOG=1").size() >= 2);

      uplink.set(false); // the uplink loop blocks
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("uplink")));
      int pingsWhenStuck = listener.with("WATCHDOG=1").size();
      // two and a half ping intervals without a ping, while the status keeps coming
      int statuses = listener.statuses().size();
      await()
          .pollDelay(Duration.ofMillis(750))
          .atMost(Duration.ofSeconds(5))
          .until(() -> listener.statuses().size() > statuses);
      assertThat(listener.with("WATCHDOG=1")).hasSize(pingsWhenStuck);
      List<ILoggingEvent> warned =
          logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
      assertThat(warned).hasSize(1);
      assertThat(warned.get(0).getFormattedMessage())
          .startsWith("loop uplink has made no progress for")
          .contains("watchdog pings stop");

      uplink.set(true); // it turns again
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> listener.with("WATCHDOG=1").size() >= pingsWhenStuck + 2);
      assertThat(logs.list.get(logs.list.size() - 1).getFormattedMessage())
          .isEqualTo("loop uplink is making progress again: watchdog pings resume");
      n.stopping();
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void aLoopThatEndedOnPurposeIsNotStuck() throws Exception {
    AtomicBoolean turning = new AtomicBoolean(true);
    try (NotifyListener listener = NotifyListener.bind(dir.resolve("notify").toString())) {
      LoopProgress fenced = new LoopProgress("uplink", CLOCK.monotonicNanos());
      fenced.end();
      SystemdNotifier n =
          notifier(listener, Optional.of(WATCHDOG), List.of(loop("batcher", turning), fenced));
      n.ready();
      await()
          .pollDelay(WATCHDOG.multipliedBy(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> listener.with("WATCHDOG=1").size() >= 4);
      n.stopping();
    }
  }

  @Test
  void fromEnvironment_abstractSocket_sendsReadyAndPings() throws Exception {
    String name = "@eg-notify-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    AtomicBoolean turning = new AtomicBoolean(true);
    try (NotifyListener listener = NotifyListener.bind(name)) {
      SystemdNotifier n =
          SystemdNotifier.fromEnvironment(
                  Map.of(
                      "NOTIFY_SOCKET",
                      name,
                      "WATCHDOG_USEC",
                      "400000",
                      "WATCHDOG_PID",
                      Long.toString(ProcessHandle.current().pid())),
                  CLOCK,
                  List.of(loop("batcher", turning)),
                  () -> "up")
              .orElseThrow();
      n.ready();
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.with("WATCHDOG=1").size() >= 3);
      assertThat(listener.messages().get(0).text()).isEqualTo("READY=1\nSTATUS=up");
      n.stopping();
    }
  }

  @Test
  void aWatchdogForAnotherPid_meansReadyAndStatusButNoPings() throws Exception {
    AtomicBoolean turning = new AtomicBoolean(true);
    try (NotifyListener listener = NotifyListener.bind(dir.resolve("notify").toString())) {
      SystemdNotifier n =
          SystemdNotifier.fromEnvironment(
                  Map.of(
                      "NOTIFY_SOCKET", listener.address(),
                      "WATCHDOG_USEC", "200000",
                      "WATCHDOG_PID", "1"),
                  CLOCK,
                  List.of(loop("batcher", turning)),
                  () -> "up")
              .orElseThrow();
      n.ready();
      await().pollDelay(Duration.ofMillis(600)).until(() -> listener.with("READY=1").size() == 1);
      assertThat(listener.with("WATCHDOG=1")).isEmpty();
      n.stopping();
    }
  }

  @Test
  void noNotifySocket_meansNoNotifier() {
    assertThat(SystemdNotifier.fromEnvironment(Map.of(), CLOCK, List.of(), () -> "")).isEmpty();
    assertThat(
            SystemdNotifier.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "", "WATCHDOG_USEC", "1000"), CLOCK, List.of(), () -> ""))
        .isEmpty();
  }

  @Test
  void badEnvironment_isLoggedAndIgnored_neverACrash() throws Exception {
    assertThat(
            SystemdNotifier.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "relative/socket"), CLOCK, List.of(), () -> ""))
        .isEmpty();
    assertThat(NotifyEnvironment.of(Map.of("NOTIFY_SOCKET", "/x", "WATCHDOG_USEC", "soon"), 1))
        .hasValue(new NotifyEnvironment("/x", Optional.empty()));
    assertThat(NotifyEnvironment.of(Map.of("NOTIFY_SOCKET", "/x", "WATCHDOG_USEC", "-5"), 1))
        .hasValue(new NotifyEnvironment("/x", Optional.empty()));
    assertThat(NotifyEnvironment.of(Map.of("NOTIFY_SOCKET", "/x", "WATCHDOG_USEC", "30000000"), 1))
        .hasValue(new NotifyEnvironment("/x", Optional.of(Duration.ofSeconds(30))));
    // a socket nobody listens on: READY is lost (logged once), the gateway goes on
    SystemdNotifier n =
        SystemdNotifier.fromEnvironment(
                Map.of("NOTIFY_SOCKET", dir.resolve("nobody").toString()),
                CLOCK,
                List.of(),
                () -> "up")
            .orElseThrow();
    n.ready();
    n.stopping();
  }

  @Test
  void unixAddress_pathsAndAbstractNames() {
    UnixAddress path = UnixAddress.of("/run/systemd/notify");
    assertThat(path.length()).isEqualTo(2 + "/run/systemd/notify".length() + 1);
    assertThat(path.bytes()[2]).isEqualTo((byte) '/');
    UnixAddress abstractName = UnixAddress.of("@sd");
    assertThat(abstractName.length()).isEqualTo(2 + 3);
    assertThat(abstractName.bytes()[2]).isZero();
    assertThat(abstractName.bytes()[3]).isEqualTo((byte) 's');
    assertThatThrownBy(() -> UnixAddress.of("/" + "x".repeat(200)))
        .hasMessageStartingWith("NOTIFY_SOCKET : /xxx")
        .hasMessageEndingWith("(expected: 2 to 107 bytes)");
    assertThatThrownBy(() -> UnixAddress.of("@"))
        .hasMessage("NOTIFY_SOCKET : @ (expected: 2 to 107 bytes)");
  }
}
