package io.edgegateway.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What docs/security.md promises: {@code jq -cj 'del(.hash)' | sha256sum} of a line is its hash, so
 * a record can be re-checked without the gateway (jq 1.6+ on the PATH).
 */
class JqReverificationTest {
  @Test
  void jqCompactOutputWithoutTheHashHashesToTheRecordsHash() throws Exception {
    Map<String, Object> detail =
        Map.of(
            "zeta", "ünïcode \"q\" \\ tab\t nl\n ctl\u0001 del\u007f slash/ emoji \uD83D\uDE80",
            "alpha", List.of("a", 1L, true),
            "nested", Map.of("b", 2L, "a", -3L));
    AuditRecord r =
        AuditRecord.create(
            42, 1_700_000_000_123L, "reload", "POST /v1/reload", detail, "ab".repeat(32));
    Process p =
        new ProcessBuilder("sh", "-c", "jq -cj 'del(.hash)' | sha256sum | cut -d' ' -f1").start();
    p.getOutputStream().write(r.line().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out).isEqualTo(r.hash());
  }
}
