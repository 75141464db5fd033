package io.edgegateway.core.capture;

import io.edgegateway.core.Envelope;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The capture ring: the last {@code max_age} of every captured topic at full rate, bounded by
 * {@code max_bytes}, from which incidents are copied.
 *
 * <p>Contract: {@link #append} is called by one writer thread; {@link #read} may run on another
 * thread at the same time and sees everything appended before it was called. When the ring is over
 * its byte quota or holds samples older than {@code max_age}, the oldest samples go first; an
 * implementation should keep one chatty topic from evicting the others (a per-topic share).
 */
public interface CaptureRing extends AutoCloseable {
  /**
   * Appends one sample (may evict older ones).
   *
   * @throws IOException when the sample cannot be written; the ring stays usable
   */
  void append(Envelope sample) throws IOException;

  /**
   * Hands every held sample received in {@code window} of the {@code topics} (all when empty) to
   * {@code sink}: per topic in {@code seq} order, topics one after the other.
   *
   * @return the receive time of the newest sample the ring held when the read began (0 if none)
   */
  long read(CaptureWindow window, Set<String> topics, Consumer<Envelope> sink) throws IOException;

  /** Bytes on disk (or in memory) the ring uses now. */
  long bytes();

  /** Receive time of the oldest sample held, if any. */
  OptionalLong oldestReceiveNs();

  /** Receive time of the newest sample held, if any. */
  OptionalLong newestReceiveNs();

  /** Closes the ring; what it holds stays for the next open when it is on disk. */
  @Override
  void close();
}
