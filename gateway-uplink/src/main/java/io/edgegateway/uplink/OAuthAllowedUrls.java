package io.edgegateway.uplink;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kafka 4.x refuses to call a token endpoint that the JVM system property {@value #PROPERTY} does
 * not list (empty by default: no URL allowed; the fix of CVE-2025-27817). There is no per-client
 * setting, so the uplink adds its configured endpoint to the property once, at creation, keeping
 * whatever the operator listed with {@code -D}. The property is JVM-wide: every Kafka client in the
 * process may then call that URL.
 */
final class OAuthAllowedUrls {
  static final String PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

  private OAuthAllowedUrls() {}

  /** Adds {@code endpoint} to {@value #PROPERTY} unless it is listed already. */
  static void allow(URI endpoint) {
    String url = endpoint.toString();
    synchronized (OAuthAllowedUrls.class) {
      String current = System.getProperty(PROPERTY, "");
      List<String> urls = new ArrayList<>();
      for (String u : Arrays.asList(current.split(","))) {
        if (!u.isBlank()) {
          urls.add(u.trim());
        }
      }
      if (!urls.contains(url)) {
        urls.add(url);
        System.setProperty(PROPERTY, String.join(",", urls));
      }
    }
  }
}
