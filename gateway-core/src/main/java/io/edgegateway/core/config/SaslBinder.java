package io.edgegateway.core.config;

import static io.edgegateway.core.config.SaslSchema.CLIENT_ID;
import static io.edgegateway.core.config.SaslSchema.CLIENT_SECRET_FILE;
import static io.edgegateway.core.config.SaslSchema.MECHANISM;
import static io.edgegateway.core.config.SaslSchema.PASSWORD_FILE;
import static io.edgegateway.core.config.SaslSchema.SCOPE;
import static io.edgegateway.core.config.SaslSchema.TOKEN_ENDPOINT;
import static io.edgegateway.core.config.SaslSchema.USERNAME;

import io.edgegateway.core.config.SaslSettings.Mechanism;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code uplink.kafka.sasl} section ({@link SaslSchema}) to {@link SaslSettings}: the
 * keys each mechanism needs (and no key of the other), the token endpoint ({@code https}, or {@code
 * http} to a loopback host), the secret file read like {@code http.auth.token_file} ({@link
 * TokenFile}: regular, readable, non-empty printable ASCII). Also refuses pass-through {@code
 * properties} the section sets: {@code security.protocol} and {@code sasl.*} other than the {@link
 * SaslSettings#isTuning} keys.
 */
final class SaslBinder {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  private final ErrorCollector errors;

  SaslBinder(BindContext context) {
    this.errors = context.errors();
  }

  /** The settings of {@code m}, or null when the section had errors (all reported). */
  @Nullable SaslSettings bind(MappingView m) {
    String name = m.get(MECHANISM);
    if (m.hasErrors() || name == null) {
      return null;
    }
    Mechanism mechanism = Mechanism.of(name);
    boolean oauth = mechanism == Mechanism.OAUTHBEARER;
    List<Key<?>> needed =
        oauth
            ? List.of(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET_FILE)
            : List.of(USERNAME, PASSWORD_FILE);
    List<Key<?>> foreign =
        oauth
            ? List.of(USERNAME, PASSWORD_FILE)
            : List.of(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET_FILE, SCOPE);
    boolean ok = true;
    for (Key<?> key : needed) {
      if (!m.has(key)) {
        errors.report(m.anchor(), m.path(key), "required with mechanism " + name);
        ok = false;
      }
    }
    for (Key<?> key : foreign) {
      if (m.has(key)) {
        errors.report(m.keyPos(key), m.path(key), "not used with mechanism " + name);
        ok = false;
      }
    }
    if (!ok || m.hasErrors()) {
      return null;
    }
    return oauth ? oauthBearer(m) : scram(m, mechanism);
  }

  private @Nullable SaslSettings oauthBearer(MappingView m) {
    URI endpoint = tokenEndpoint(m);
    Path file = m.get(CLIENT_SECRET_FILE);
    String clientId = m.get(CLIENT_ID);
    if (file == null || clientId == null) {
      return null;
    }
    Secret secret =
        TokenFile.read(
            file,
            m.valuePos(CLIENT_SECRET_FILE),
            m.path(CLIENT_SECRET_FILE),
            errors,
            "secret file",
            1);
    if (endpoint == null || secret == null) {
      return null;
    }
    return SaslSettings.oauthBearer(
        endpoint, clientId, file, secret, Optional.ofNullable(m.get(SCOPE)));
  }

  private @Nullable SaslSettings scram(MappingView m, Mechanism mechanism) {
    Path file = m.get(PASSWORD_FILE);
    String username = m.get(USERNAME);
    if (file == null || username == null) {
      return null;
    }
    Secret password =
        TokenFile.read(
            file, m.valuePos(PASSWORD_FILE), m.path(PASSWORD_FILE), errors, "password file", 1);
    return password == null ? null : SaslSettings.scram(mechanism, username, file, password);
  }

  private @Nullable URI tokenEndpoint(MappingView m) {
    String text = m.get(TOKEN_ENDPOINT);
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      errors.report(
          m.valuePos(TOKEN_ENDPOINT), m.path(TOKEN_ENDPOINT), "not a URL: " + e.getReason());
      return null;
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (host == null || scheme == null || uri.getUserInfo() != null) {
      errors.report(
          m.valuePos(TOKEN_ENDPOINT),
          m.path(TOKEN_ENDPOINT),
          "expected an absolute URL without user info, like https://idp.example.com/oauth2/token");
      return null;
    }
    boolean https = scheme.equals("https");
    boolean loopbackHttp = scheme.equals("http") && LOOPBACK.contains(host);
    if (!https && !loopbackHttp) {
      errors.report(
          m.valuePos(TOKEN_ENDPOINT),
          m.path(TOKEN_ENDPOINT),
          "expected https:// (http:// only to a loopback host: the client secret would travel in"
              + " clear)");
      return null;
    }
    return uri;
  }

  /**
   * Reports every property that {@code uplink.kafka.sasl} sets itself ({@code security.protocol}
   * only when {@code tls} does not report it already).
   */
  void checkProperties(List<MappingView.Entry<String>> properties, boolean tls) {
    for (MappingView.Entry<String> property : properties) {
      String name = property.name();
      if ((!tls && name.equals("security.protocol"))
          || (name.startsWith("sasl.") && !SaslSettings.isTuning(name))) {
        errors.report(
            property.keyPos(),
            property.path(),
            "set by uplink.kafka.sasl; remove it here (only sasl.login.refresh.*, the"
                + " sasl.login timeouts and retry back-off may be tuned next to the section)");
      }
    }
  }
}
