package io.edgegateway.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One "lost before commit" report the daemon logs after a restart: samples of {@code topic} with
 * per-topic sequence {@code first..last} were accepted by the previous run and never reached the
 * SQLite commit.
 */
record LossReport(int run, String stream, String topic, long count, long first, long last) {
  private static final Pattern LINE =
      Pattern.compile(
          "ledger: lost before commit stream=(\\S+) topic=(\\S+) count=(\\d+) seq=(\\d+)\\.\\.(\\d+)");

  /** Every report in a daemon log. */
  static List<LossReport> parse(int run, Path log) throws IOException {
    List<LossReport> reports = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        reports.add(
            new LossReport(
                run,
                m.group(1),
                m.group(2),
                Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5))));
      }
    }
    return reports;
  }
}
