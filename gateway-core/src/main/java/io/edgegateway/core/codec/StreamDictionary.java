package io.edgegateway.core.codec;

import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zstd dictionary of one stream: either fixed (a dictionary file) or trained from the stream's
 * own first batches.
 *
 * <p>Training: the encoded (uncompressed) batches are offered as samples; after {@code trainAfter}
 * batches, or when the sample buffer ({@code 100 × maxBytes}, at most 32 MiB) is full, a one-shot
 * thread {@code eg-dict-train-<stream>} trains a dictionary of at most {@code maxBytes}, saves it
 * in the {@link DictionaryStore} and marks it active for the stream; batches sealed after that use
 * it. Batches sealed before (or while training runs) are compressed without a dictionary. A stream
 * that already has an active dictionary in the store (an earlier run) uses it at once and trains
 * nothing. A failed training (e.g. too little data) is logged and retried after another {@code
 * trainAfter} batches.
 *
 * <p>Thread-safe: {@link #active()} and {@link #offerSample} may be called from the batcher thread
 * while training runs.
 */
public final class StreamDictionary {
  private static final Logger log = LoggerFactory.getLogger(StreamDictionary.class);
  private static final int MAX_SAMPLE_BUFFER = 32 << 20;

  private final String stream;
  private final @Nullable DictionaryStore store; // null for a fixed dictionary, which never trains
  private final int trainAfter;
  private final int maxBytes;
  private volatile @Nullable ZstdDictionary active;
  private @Nullable ZstdDictTrainer trainer;
  private int samples;
  private long sampleBytes;
  private boolean training;

  private StreamDictionary(
      String stream,
      @Nullable DictionaryStore store,
      int trainAfter,
      int maxBytes,
      @Nullable ZstdDictionary active) {
    this.stream = stream;
    this.store = store;
    this.trainAfter = trainAfter;
    this.maxBytes = maxBytes;
    this.active = active;
  }

  /**
   * A dictionary that never changes, e.g. loaded from a file. Save it in the {@link
   * DictionaryStore} too, so the uplink can publish it.
   */
  public static StreamDictionary fixed(ZstdDictionary dictionary) {
    Objects.requireNonNull(dictionary, "dictionary");
    return new StreamDictionary("fixed", null, 0, dictionary.size(), dictionary);
  }

  /**
   * A dictionary trained from the stream's first {@code trainAfter} batches, or the one the store
   * already holds for the stream.
   *
   * @param trainAfter batches to collect before training, 1 .. 1,000,000
   * @param maxBytes largest dictionary, 1 KiB .. 1 MiB
   */
  public static StreamDictionary trained(
      String stream, DictionaryStore store, int trainAfter, int maxBytes) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(store, "store");
    if (trainAfter < 1 || trainAfter > 1_000_000) {
      throw new IllegalArgumentException("trainAfter : " + trainAfter + " (expected: 1..1000000)");
    }
    if (maxBytes < 1024 || maxBytes > 1 << 20) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: 1024..1048576)");
    }
    return new StreamDictionary(
        stream, store, trainAfter, maxBytes, store.active(stream).orElse(null));
  }

  /** The dictionary new batches are compressed with, if any yet. */
  public Optional<ZstdDictionary> active() {
    return Optional.ofNullable(active);
  }

  /** Offers one encoded batch as a training sample; ignored once a dictionary is active. */
  synchronized void offerSample(byte[] encoded) {
    if (active != null || training) {
      return;
    }
    if (trainer == null) {
      trainer = new ZstdDictTrainer(sampleBufferBytes(), maxBytes);
    }
    boolean added = trainer.addSample(encoded);
    if (added) {
      samples++;
      sampleBytes += encoded.length;
    }
    if (samples >= trainAfter || (!added && samples > 0)) {
      startTraining();
    }
  }

  private int sampleBufferBytes() {
    return (int) Math.min(MAX_SAMPLE_BUFFER, 100L * maxBytes);
  }

  private void startTraining() {
    training = true;
    ZstdDictTrainer t = Objects.requireNonNull(trainer, "trainer");
    int n = samples;
    long bytes = sampleBytes;
    trainer = null;
    samples = 0;
    sampleBytes = 0;
    Thread thread = new Thread(() -> train(t, n, bytes), "eg-dict-train-" + stream);
    thread.setDaemon(true);
    thread.start();
  }

  private void train(ZstdDictTrainer t, int n, long bytes) {
    ZstdDictionary trained = null;
    long startNs = System.nanoTime();
    try {
      DictionaryStore store = Objects.requireNonNull(this.store, "a fixed dictionary never trains");
      trained = ZstdDictionary.of(t.trainSamples());
      long tookMs = (System.nanoTime() - startNs) / 1_000_000L;
      store.save(trained);
      store.activate(stream, trained.id());
      log.info(
          "zstd dictionary {} trained for stream {} from {} batches ({} bytes) in {} ms: {} bytes,"
              + " saved in {}",
          trained.id(),
          stream,
          n,
          bytes,
          tookMs,
          trained.size(),
          store.directory());
    } catch (ZstdException | IllegalArgumentException | java.io.UncheckedIOException e) {
      trained = null;
      log.warn(
          "zstd dictionary training for stream {} from {} batches failed, retrying after {} more:"
              + " {}",
          stream,
          n,
          trainAfter,
          e.getMessage());
    } finally {
      synchronized (this) {
        active = trained;
        training = false;
      }
    }
  }
}
