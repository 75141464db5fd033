package io.edgegateway.uplink;

import io.edgegateway.core.config.SaslSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The {@code uplink.kafka.sasl} section the gateway's Kafka clients are made with now. A reload
 * that changes only the secret (the client secret or password file's content) rotates it: every
 * client created after that (the uplink's next producer, the broker watch, the audit upload's
 * producer) uses the new one, and the listeners are told, so the uplink replaces its producer
 * before the next transaction as it does for new TLS material. Any other change to the section
 * needs a restart.
 */
public final class SaslCredentials {
  /** No SASL section: nothing to rotate. */
  public static final SaslCredentials NONE = new SaslCredentials(null);

  private volatile @Nullable SaslSettings current;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private SaslCredentials(@Nullable SaslSettings initial) {
    this.current = initial;
  }

  /** The credentials of {@code sasl}; {@link #NONE} when it is empty. */
  public static SaslCredentials of(Optional<SaslSettings> sasl) {
    return sasl.map(SaslCredentials::new).orElse(NONE);
  }

  /** The section in use now. */
  public Optional<SaslSettings> current() {
    return Optional.ofNullable(current);
  }

  /** Runs {@code listener} after every rotation. */
  public void onRotation(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Takes {@code next} into use if only its secret differs from the section in use.
   *
   * @return whether the secret changed (false when it is the same)
   * @throws IllegalArgumentException if there is no section, or {@code next} changes more than the
   *     secret
   */
  public boolean rotate(SaslSettings next) {
    Objects.requireNonNull(next, "next");
    SaslSettings now = current;
    if (now == null) {
      throw new IllegalArgumentException("sasl : added (expected: a restart to add the section)");
    }
    if (!sameButSecret(now, next)) {
      throw new IllegalArgumentException(
          "sasl : " + next + " (expected: only the secret changes without a restart)");
    }
    if (now.secret().equals(next.secret())) {
      return false;
    }
    current = next;
    listeners.forEach(Runnable::run);
    return true;
  }

  /** Whether {@code a} and {@code b} differ at most in their secret. */
  public static boolean sameButSecret(SaslSettings a, SaslSettings b) {
    return a.mechanism() == b.mechanism()
        && a.principal().equals(b.principal())
        && a.secretFile().equals(b.secretFile())
        && a.tokenEndpoint().equals(b.tokenEndpoint())
        && a.scope().equals(b.scope());
  }
}
