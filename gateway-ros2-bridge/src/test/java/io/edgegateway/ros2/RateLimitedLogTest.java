package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

  @Test
  void logsAtMostOncePerInterval() {
    AtomicLong now = new AtomicLong(5);
    RateLimitedLog log =
        new RateLimitedLog(
            LoggerFactory.getLogger(RateLimitedLogTest.class), 10, TimeUnit.SECONDS, now::get);

    assertThat(log.warn("first {} ({} suppressed)", 1)).isTrue();
    now.addAndGet(TimeUnit.SECONDS.toNanos(9));
    assertThat(log.warn("second {} ({} suppressed)", 2)).isFalse();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(log.warn("third {} ({} suppressed)", 3)).isTrue();
    assertThat(log.warn("fourth {} ({} suppressed)", 4)).isFalse();
  }
}
