package io.edgegateway.core.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser and formatter for byte sizes in config files: {@code 256KiB}, {@code 2GiB}, {@code 10MB},
 * {@code 512B}, {@code 1024}.
 *
 * <p>Units are case-insensitive. {@code KB, MB, GB, TB} are decimal (powers of 1000), {@code KiB,
 * MiB, GiB, TiB} binary (powers of 1024); a bare number or {@code B} means bytes. A fraction is
 * allowed when the result is a whole number of bytes ({@code 1.5KiB} = 1536).
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)", Pattern.CASE_INSENSITIVE);
  private static final long KIB = 1L << 10;
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;
  private static final long TIB = 1L << 40;
  private static final Map<String, Long> UNITS =
      Map.of(
          "", 1L,
          "b", 1L,
          "kb", 1_000L,
          "mb", 1_000_000L,
          "gb", 1_000_000_000L,
          "tb", 1_000_000_000_000L,
          "kib", KIB,
          "mib", MIB,
          "gib", GIB,
          "tib", TIB);
  private static final String UNIT_LIST = "B, KB, MB, GB, TB, KiB, MiB, GiB, TiB";

  private Sizes() {}

  /**
   * Parses a size to bytes.
   *
   * @throws IllegalArgumentException with a message that quotes {@code text} and says what is
   *     expected
   */
  public static long parse(String text) {
    String trimmed = text.trim();
    Matcher m = SIZE.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a size like 256KiB, 10MB or 1024 (bytes), got '" + text + "'");
    }
    Long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (unit == null) {
      throw new IllegalArgumentException(
          "unknown size unit '"
              + m.group(2)
              + "' in '"
              + text
              + "' (expected one of: "
              + UNIT_LIST
              + ")");
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
    try {
      return bytes.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          bytes.signum() > 0 && bytes.stripTrailingZeros().scale() <= 0
              ? "size '" + text + "' is too large"
              : "size '" + text + "' is not a whole number of bytes");
    }
  }

  /**
   * Formats bytes in the largest unit that divides them exactly, binary first: {@code 262144} is
   * {@code 256KiB}, {@code 10000000} is {@code 10MB}, {@code 100} is {@code 100B}.
   */
  public static String format(long bytes) {
    if (bytes != 0) {
      long[] binary = {TIB, GIB, MIB, KIB};
      String[] binaryNames = {"TiB", "GiB", "MiB", "KiB"};
      for (int i = 0; i < binary.length; i++) {
        if (bytes % binary[i] == 0) {
          return bytes / binary[i] + binaryNames[i];
        }
      }
      long[] decimal = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
      String[] decimalNames = {"TB", "GB", "MB", "KB"};
      for (int i = 0; i < decimal.length; i++) {
        if (bytes % decimal[i] == 0) {
          return bytes / decimal[i] + decimalNames[i];
        }
      }
    }
    return bytes + "B";
  }
}
