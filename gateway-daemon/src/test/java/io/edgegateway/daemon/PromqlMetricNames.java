package io.edgegateway.daemon;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: identifiers that are neither functions (followed by
 * a parenthesis), aggregation keywords or operators, nor inside label matchers, strings, range
 * selectors or the label lists of {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code
 * group_left}/{@code group_right}. For Grafana's {@code label_values(metric, label)} the metric.
 */
final class PromqlMetricNames {
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan");
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*\\}");
  private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([^,]+),[^)]*\\)");
  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<number>\\b\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?\\b)|(?<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\\s*\\()?");

  private PromqlMetricNames() {}

  static Set<String> of(String expr) {
    String e = LABEL_VALUES.matcher(expr).replaceAll("$1");
    e = STRINGS.matcher(e).replaceAll(" ");
    e = MATCHERS.matcher(e).replaceAll(" ");
    e = RANGES.matcher(e).replaceAll(" ");
    e = LABEL_LISTS.matcher(e).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = TOKEN.matcher(e);
    while (m.find()) {
      String ident = m.group("ident");
      if (ident != null && m.group("call") == null && !KEYWORDS.contains(ident.toLowerCase())) {
        names.add(ident);
      }
    }
    return names;
  }
}
