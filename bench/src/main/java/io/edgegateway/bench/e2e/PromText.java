package io.edgegateway.bench.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of a Prometheus text exposition ({@code /metrics}), parsed into samples that can be
 * summed or maxed by name and label.
 */
final class PromText {
  private record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PromText(List<Sample> samples) {
    this.samples = samples;
  }

  /** Parses the exposition text; comment lines and unparsable lines are skipped. */
  static PromText parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name;
      Map<String, String> labels = new HashMap<>();
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        int close = line.lastIndexOf('}');
        for (String pair : line.substring(brace + 1, close).split(",")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).replace("\"", ""));
          }
        }
      } else {
        name = line.substring(0, space).trim();
      }
      try {
        out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
      } catch (NumberFormatException e) {
        // e.g. a timestamp column; not used by the gateway
      }
    }
    return new PromText(out);
  }

  /**
   * Sum of every sample called {@code name} whose labels include {@code labelPairs} (k, v, ...).
   */
  double sum(String name, String... labelPairs) {
    return samples.stream()
        .filter(s -> s.name.equals(name) && matches(s.labels, labelPairs))
        .mapToDouble(Sample::value)
        .sum();
  }

  /**
   * Sums of every {@code name} sample with labels {@code labelPairs}, by the value of {@code key}.
   */
  Map<String, Double> sumBy(String name, String key, String... labelPairs) {
    Map<String, Double> out = new TreeMap<>();
    for (Sample s : samples) {
      String v = s.labels.get(key);
      if (v != null && s.name.equals(name) && matches(s.labels, labelPairs)) {
        out.merge(v, s.value(), Double::sum);
      }
    }
    return out;
  }

  /** Sum of every {@code name} sample whose label {@code key} is not {@code value}. */
  double sumExcept(String name, String key, String value) {
    return samples.stream()
        .filter(s -> s.name.equals(name) && !value.equals(s.labels.get(key)))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** Largest sample called {@code name} (0 when there is none). */
  double max(String name, String... labelPairs) {
    return samples.stream()
        .filter(s -> s.name.equals(name) && matches(s.labels, labelPairs))
        .mapToDouble(Sample::value)
        .max()
        .orElse(0);
  }

  private static boolean matches(Map<String, String> labels, String[] pairs) {
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
        return false;
      }
    }
    return true;
  }
}
