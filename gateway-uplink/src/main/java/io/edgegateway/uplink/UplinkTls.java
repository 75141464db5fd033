package io.edgegateway.uplink;

import io.edgegateway.core.tls.TlsFiles;
import io.edgegateway.core.tls.TlsMaterial;
import io.edgegateway.core.tls.TlsMaterialException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's mTLS material and its rotation without a restart.
 *
 * <p>The files ({@link TlsFiles}) are loaded and checked once at creation ({@link
 * TlsMaterial#load}); the thread {@code uplink-tls-<robot_id>} then looks at them every {@link
 * #POLL_INTERVAL} ({@link TlsFileStamp}: time, size and digest of each file). When they change, the
 * new material is loaded and checked: if good it becomes the material every Kafka client created
 * from then on uses ({@link #clientProperties}), and the rotation listeners run (the uplink
 * replaces its producer before its next transaction, the broker watch its Admin client); if bad
 * (half written, key and certificate not matching, expired, not from the CA, unreadable) the
 * material in use stays, one WARN line names the file and the problem, and {@link #reloadFailures}
 * counts it. A writer that replaces the files in several steps therefore causes refusals until the
 * last step, then one rotation. {@link #reload} checks the files at once (a config reload calls
 * it), even when they did not change, so an expired certificate is reported.
 */
public final class UplinkTls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UplinkTls.class);

  /** How often the files are looked at. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private final TlsFiles files;
  private final boolean sasl;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong rotations = new AtomicLong();
  private final @Nullable ScheduledExecutorService watcher;
  private volatile TlsMaterial material;
  private volatile Map<String, String> clientProperties;
  private TlsFileStamp inUse;
  private TlsFileStamp lastSeen;
  private volatile @Nullable String lastError;
  private @Nullable String lastRefused; // stamp and reason of the last refusal counted

  private UplinkTls(
      String robotId, TlsFiles files, boolean sasl, Clock clock, @Nullable Duration poll)
      throws TlsMaterialException {
    this.files = files;
    this.sasl = sasl;
    this.clock = clock;
    this.inUse = TlsFileStamp.of(files);
    this.lastSeen = inUse;
    this.material = TlsMaterial.load(files, clock.instant());
    this.clientProperties = TlsClientProperties.of(material, sasl);
    if (poll == null) {
      this.watcher = null;
    } else {
      this.watcher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "uplink-tls-" + robotId);
                t.setDaemon(true);
                return t;
              });
      watcher.scheduleWithFixedDelay(
          this::pollQuietly, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Loads and checks the files and starts watching them.
   *
   * @param sasl whether the client also authenticates with SASL ({@code SASL_SSL})
   * @throws TlsMaterialException if the files are not usable now
   */
  public static UplinkTls start(String robotId, TlsFiles files, boolean sasl)
      throws TlsMaterialException {
    return new UplinkTls(robotId, files, sasl, Clock.systemUTC(), POLL_INTERVAL);
  }

  /** Without the watching thread: changes are seen by {@link #poll} only; for tests. */
  static UplinkTls unwatched(String robotId, TlsFiles files, boolean sasl, Clock clock)
      throws TlsMaterialException {
    return new UplinkTls(robotId, files, sasl, clock, null);
  }

  /** The Kafka client properties of the material in use (security protocol, inline PEM). */
  Map<String, String> clientProperties() {
    return clientProperties;
  }

  /**
   * Runs {@code listener} after every rotation, on the thread that found the new material (the
   * producer swap, the audit log's {@code credential_rotated}); it must not block for long.
   */
  public void onRotation(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The subject of the client certificate in use, e.g. {@code CN=robot-7}. */
  public String certificateSubject() {
    return material.certificate().getSubjectX500Principal().getName();
  }

  /** The SHA-256 fingerprint (lower-case hex) of the DER of the client certificate in use. */
  public String certificateSha256() {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(material.certificate().getEncoded()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("certificate fingerprint: " + e, e);
    }
  }

  /** When the client certificate in use expires. */
  public Instant certificateNotAfter() {
    return material.notAfter();
  }

  /** Changed or reloaded files refused since the start (the material in use stayed). */
  public long reloadFailures() {
    return failures.get();
  }

  /** New material taken into use since the start. */
  public long rotations() {
    return rotations.get();
  }

  /** Why the last refused check failed; empty when none failed. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * Checks the files now, changed or not, and rotates to them if they changed and are good.
   *
   * @return true if the files on disk are usable (in use now), false if refused
   */
  public boolean reload() {
    return check(true);
  }

  /** Looks at the files once, as the watching thread does; true unless they were refused. */
  boolean poll() {
    return check(false);
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      LOG.error("Uplink TLS: checking {} failed unexpectedly: {}", files, e.toString());
    }
  }

  private synchronized boolean check(boolean force) {
    TlsFileStamp stamp = TlsFileStamp.of(files);
    if (!force && stamp.equals(lastSeen)) {
      return lastError == null;
    }
    lastSeen = stamp;
    TlsMaterial next;
    try {
      next = TlsMaterial.load(files, clock.instant());
    } catch (TlsMaterialException e) {
      String refusal = stamp + " " + e.describe();
      lastError = e.describe();
      if (refusal.equals(lastRefused)) {
        return false; // the same files refused for the same reason: counted and logged already
      }
      lastRefused = refusal;
      failures.incrementAndGet();
      LOG.warn(
          "Uplink TLS: refused {}, still using the certificate valid until {}",
          e.describe(),
          material.notAfter());
      return false;
    }
    lastError = null;
    lastRefused = null;
    if (stamp.equals(inUse)) {
      return true;
    }
    inUse = stamp;
    material = next;
    clientProperties = TlsClientProperties.of(next, sasl);
    rotations.incrementAndGet();
    LOG.info(
        "Uplink TLS: new certificate {} valid until {}, used from the next transaction",
        next.certificate().getSubjectX500Principal().getName(),
        next.notAfter());
    for (Runnable listener : listeners) {
      listener.run();
    }
    return true;
  }

  /** Stops watching the files; idempotent. */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }
}
