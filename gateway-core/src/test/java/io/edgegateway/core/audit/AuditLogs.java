package io.edgegateway.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds audit logs in memory for tests, checkpoints included. */
final class AuditLogs {
  private AuditLogs() {}

  /** {@code n} records (every fifth a signed checkpoint), one line each, no newlines. */
  static List<String> lines(int n, KeyPair keys) {
    List<String> lines = new ArrayList<>();
    String prev = AuditRecord.GENESIS;
    for (int seq = 1; seq <= n; seq++) {
      Map<String, Object> detail = new LinkedHashMap<>();
      String kind;
      if (seq % 5 == 0) {
        kind = "checkpoint";
        detail.put("head", prev);
        detail.put("key_id", AuditKeys.keyId(keys.getPublic()));
        detail.put("sig", AuditKeys.sign(keys.getPrivate(), prev));
      } else {
        kind = "reload";
        detail.put("changed", List.of("buffer.ttl", "ros2.topics"));
        detail.put("generation", (long) seq);
        detail.put("note", "ünïcode \"quoted\" \\ tab\t");
      }
      AuditRecord r =
          AuditRecord.create(seq, 1_700_000_000_000L + seq, kind, "SIGHUP", detail, prev);
      lines.add(r.line());
      prev = r.hash();
    }
    return lines;
  }

  static byte[] bytes(List<String> lines) {
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append(l).append('\n'));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
