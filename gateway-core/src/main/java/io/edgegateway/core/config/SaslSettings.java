package io.edgegateway.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code uplink.kafka.sasl} section: how the Kafka client authenticates.
 *
 * <p>{@code OAUTHBEARER}: OIDC client credentials; the Kafka client's own login handler (KIP-768)
 * fetches a token from {@code tokenEndpoint} with {@code principal} (the client id) and {@code
 * secret} (the client secret) and refreshes it before it expires. {@code SCRAM-SHA-256} / {@code
 * SCRAM-SHA-512}: {@code principal} is the user name, {@code secret} the password.
 *
 * @param mechanism the SASL mechanism
 * @param principal client id (OAUTHBEARER) or user name (SCRAM)
 * @param secretFile where the secret was read from (re-read on every config reload)
 * @param secret client secret or password; {@link #toString} never shows it
 * @param tokenEndpoint the token endpoint; present exactly for OAUTHBEARER
 * @param scope the requested scope (OAUTHBEARER only)
 */
public record SaslSettings(
    Mechanism mechanism,
    String principal,
    Path secretFile,
    Secret secret,
    Optional<URI> tokenEndpoint,
    Optional<String> scope) {

  /** The SASL mechanisms the section configures. */
  public enum Mechanism {
    OAUTHBEARER("OAUTHBEARER"),
    SCRAM_SHA_256("SCRAM-SHA-256"),
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String kafkaName;

    Mechanism(String kafkaName) {
      this.kafkaName = kafkaName;
    }

    /** The name Kafka's {@code sasl.mechanism} takes, e.g. {@code SCRAM-SHA-512}. */
    public String kafkaName() {
      return kafkaName;
    }

    /** The mechanism named {@code name} as in {@code sasl.mechanism}. */
    static Mechanism of(String name) {
      for (Mechanism m : values()) {
        if (m.kafkaName.equals(name)) {
          return m;
        }
      }
      throw new IllegalArgumentException("mechanism : " + name);
    }
  }

  public SaslSettings {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(secretFile, "secretFile");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(scope, "scope");
    if (principal.isBlank()) {
      throw new IllegalArgumentException("principal : empty (expected: a client id or user name)");
    }
    if ((mechanism == Mechanism.OAUTHBEARER) != tokenEndpoint.isPresent()) {
      throw new IllegalArgumentException(
          "tokenEndpoint : " + tokenEndpoint + " (expected: present exactly for OAUTHBEARER)");
    }
    if (mechanism != Mechanism.OAUTHBEARER && scope.isPresent()) {
      throw new IllegalArgumentException(
          "scope : " + scope.get() + " (expected: OAUTHBEARER only)");
    }
  }

  /**
   * Whether {@code property} is a {@code sasl.login.*} tuning key that {@code properties} may hold
   * next to the section (refresh timing, token endpoint timeouts and retry back-off); every other
   * {@code sasl.*} key is the section's.
   */
  public static boolean isTuning(String property) {
    return property.startsWith("sasl.login.refresh.")
        || property.equals("sasl.login.connect.timeout.ms")
        || property.equals("sasl.login.read.timeout.ms")
        || property.equals("sasl.login.retry.backoff.ms")
        || property.equals("sasl.login.retry.backoff.max.ms");
  }

  /** OIDC client credentials against {@code tokenEndpoint}. */
  public static SaslSettings oauthBearer(
      URI tokenEndpoint,
      String clientId,
      Path secretFile,
      Secret clientSecret,
      Optional<String> scope) {
    return new SaslSettings(
        Mechanism.OAUTHBEARER,
        clientId,
        secretFile,
        clientSecret,
        Optional.of(tokenEndpoint),
        scope);
  }

  /** SCRAM with {@code username} and {@code password}. */
  public static SaslSettings scram(
      Mechanism mechanism, String username, Path passwordFile, Secret password) {
    return new SaslSettings(
        mechanism, username, passwordFile, password, Optional.empty(), Optional.empty());
  }
}
