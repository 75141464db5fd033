package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.budget.BudgetStatus;
import io.edgegateway.core.budget.ClassWaiting;
import io.edgegateway.core.budget.UplinkClass;
import java.time.Instant;

/**
 * The JSON form of a {@link BudgetStatus}, {@code uplink.budget} of {@code /v1/status}: the limits
 * (0 and null when unlimited), the rate used, the day's use and cap, and what waits per class.
 */
final class BudgetJson {
  private BudgetJson() {}

  static void write(ObjectNode b, BudgetStatus s) {
    b.put("limited", s.limited());
    b.put("max_bytes_per_s", s.maxBytesPerSecond());
    b.put("burst_bytes", s.burstBytes());
    b.put("available_bytes", s.availableBytes());
    b.put("rate_bytes_per_s", Math.round(s.rateBytesPerSecond()));
    b.put("sent_bytes", s.sentBytes());
    ObjectNode daily = b.putObject("daily");
    if (s.dailyCapBytes().isPresent()) {
      daily.put("cap_bytes", s.dailyCapBytes().getAsLong());
    } else {
      daily.putNull("cap_bytes");
    }
    daily.put("used_bytes", s.dailyUsedBytes());
    if (s.dailyResetsAtMillis() > 0) {
      daily.put("resets_at", Instant.ofEpochMilli(s.dailyResetsAtMillis()).toString());
    } else {
      daily.putNull("resets_at");
    }
    ObjectNode waiting = b.putObject("waiting");
    for (UplinkClass c : UplinkClass.values()) {
      ClassWaiting w = s.waiting().getOrDefault(c, new ClassWaiting(0, 0, 0));
      waiting
          .putObject(c.tag())
          .put("batches", w.batches())
          .put("bytes", w.bytes())
          .put("oldest_age_seconds", w.oldestAgeSeconds());
    }
  }
}
