package io.edgegateway.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A credential read from the config (the HTTP bearer token): {@link #toString} never shows it, and
 * {@link #matches} compares in constant time, so neither logs nor timing reveal it.
 */
public final class Secret {
  /** What {@link #toString} prints instead of the value. */
  public static final String REDACTED = "<redacted>";

  private final String value;

  public Secret(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret : empty (expected: at least one character)");
    }
    this.value = value;
  }

  /**
   * Whether {@code presented} is this secret. Both are hashed first, so the time taken depends on
   * neither the secret's length nor the position of the first differing character.
   */
  public boolean matches(@Nullable String presented) {
    return presented != null && MessageDigest.isEqual(sha256(presented), sha256(value));
  }

  /** The value itself, for the one place that must send it (the CLI's Authorization header). */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Secret other && other.matches(value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sha256(value));
  }

  @Override
  public String toString() {
    return REDACTED;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
