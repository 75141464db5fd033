package io.edgegateway.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which config values are credentials, and their redacted form: a key whose last segment names a
 * password, secret, token, JAAS config or key ({@code ssl.key.password}, {@code sasl.jaas.config},
 * {@code ssl.keystore.key}) never has its value shown in an error message or a {@code toString}.
 */
public final class Redaction {
  private static final Pattern CREDENTIAL = Pattern.compile("password|secret|token|jaas|key|cred");

  private Redaction() {}

  /** Whether the value of {@code key} (a property name or a config path) is a credential. */
  public static boolean isCredential(String key) {
    int bracket = key.lastIndexOf(']');
    String last = bracket >= 0 ? key.substring(bracket + 1) : key;
    return CREDENTIAL.matcher(last.toLowerCase(Locale.ROOT)).find();
  }

  /** {@code properties} with every credential's value replaced by {@link Secret#REDACTED}. */
  public static Map<String, String> redacted(Map<String, String> properties) {
    Map<String, String> out = new LinkedHashMap<>();
    properties.forEach((k, v) -> out.put(k, isCredential(k) ? Secret.REDACTED : v));
    return out;
  }

  /** {@code message} with every occurrence of the non-empty {@code values} redacted. */
  static String scrub(String message, String... values) {
    String out = message;
    for (String value : values) {
      if (!value.isEmpty()) {
        out = out.replace(value, Secret.REDACTED);
      }
    }
    return out;
  }
}
