package io.edgegateway.uplink;

import io.edgegateway.core.audit.AuditRecord;
import io.edgegateway.core.config.KafkaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the audit log to the audit topic exactly once: its own transactional producer ({@code
 * transactional.id = edge-gateway/<robot_id>/audit}) sends the records after the last committed seq
 * (key robot id, value the line) and, in the same transaction, that seq as the checkpoint {@code
 * <robot_id>/.audit} of the checkpoint topic; at start (and after any failure, with a new producer
 * that fences the old one) it reads that checkpoint back {@code read_committed}. One thread, {@code
 * eg-audit-upload}, looks at the file once a second; the file is only read, and only up to its
 * first line that is not a record.
 */
public final class AuditUploader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditUploader.class);
  private static final int MAX_RECORDS_PER_TRANSACTION = 500;
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final String robotId;
  private final String bootstrap;
  private final Supplier<Map<String, String>> properties;
  private final String topic;
  private final String checkpointTopic;
  private final Path file;
  private final AtomicLong committed = new AtomicLong(-1);
  private final Thread thread;
  private volatile @Nullable Producer<byte[], byte[]> producer;
  private volatile boolean closed;
  private volatile boolean finishing; // close(Duration): one last upload, then stop
  private volatile boolean renew; // new credentials: the next upload makes a new producer
  private final Object wake = new Object();

  private AuditUploader(
      String robotId,
      String bootstrap,
      Supplier<Map<String, String>> properties,
      String topic,
      String checkpointTopic,
      Path file) {
    this.robotId = robotId;
    this.bootstrap = bootstrap;
    this.properties = properties;
    this.topic = topic;
    this.checkpointTopic = checkpointTopic;
    this.file = file;
    this.thread = new Thread(this::run, "eg-audit-upload");
    thread.setDaemon(true);
  }

  /**
   * Starts uploading {@code file} to {@code topic}.
   *
   * @param tls the uplink's TLS material, used by every new producer (the one in use then)
   */
  public static AuditUploader start(
      String robotId,
      String bootstrap,
      Map<String, String> properties,
      Optional<UplinkTls> tls,
      String topic,
      String checkpointTopic,
      Path file) {
    Map<String, String> base = Map.copyOf(properties);
    Supplier<Map<String, String>> current =
        () -> {
          Map<String, String> merged = new HashMap<>(base);
          tls.ifPresent(t -> merged.putAll(t.clientProperties()));
          return merged;
        };
    AuditUploader u = new AuditUploader(robotId, bootstrap, current, topic, checkpointTopic, file);
    u.thread.start();
    return u;
  }

  /**
   * Starts uploading {@code file} to {@code topic} with the uplink's Kafka settings: the
   * pass-through properties, the SASL section {@code sasl} holds when a producer is made (a rotated
   * secret replaces the producer before the next upload) and the TLS material in use.
   */
  public static AuditUploader start(
      String robotId,
      KafkaSettings kafka,
      SaslCredentials sasl,
      Optional<UplinkTls> tls,
      String topic,
      String checkpointTopic,
      Path file) {
    Map<String, String> pass = Map.copyOf(kafka.properties());
    Supplier<Map<String, String>> current =
        () -> {
          Map<String, String> merged =
              new HashMap<>(UplinkClients.withSasl(pass, tls.isPresent(), sasl.current()));
          tls.ifPresent(t -> merged.putAll(t.clientProperties()));
          return merged;
        };
    AuditUploader u =
        new AuditUploader(robotId, kafka.bootstrapServers(), current, topic, checkpointTopic, file);
    sasl.onRotation(() -> u.renew = true);
    u.thread.start();
    return u;
  }

  /**
   * {@code <robot_id>/.audit}: the audit upload's key in the checkpoint topic; the dot keeps it
   * apart from every stream's key (stream names start with a letter), and {@link CheckpointReader}
   * skips it.
   */
  static String checkpointKey(String robotId) {
    return robotId + "/" + AUDIT_STREAM_KEY;
  }

  static final String AUDIT_STREAM_KEY = ".audit";

  /** {@code edge-gateway/<robot_id>/audit}. */
  static String transactionalId(String robotId) {
    return ProducerSettings.transactionalId(robotId) + "/audit";
  }

  /** The last seq committed to the audit topic; -1 before it is known, 0 when none. */
  public long committedSeq() {
    return committed.get();
  }

  private void run() {
    long backoffMs = TICK.toMillis();
    int failures = 0;
    while (!closed) {
      boolean last = finishing;
      try {
        uploadOnce();
        if (failures > 0) {
          log.info("audit upload to {} works again after {} failed attempt(s)", topic, failures);
        }
        failures = 0;
        backoffMs = TICK.toMillis();
      } catch (RuntimeException | IOException e) {
        if (closed) {
          return;
        }
        if (last) {
          log.info(
              "audit upload to {} at stop failed, the rest goes at the next start: {}",
              topic,
              e.toString());
          return;
        }
        if (failures++ == 0) {
          log.warn("audit upload to {} failed, retrying with backoff: {}", topic, e.toString());
        } else {
          log.debug("audit upload to {} failed again: {}", topic, e.toString());
        }
        dropProducer();
        backoffMs = Math.min(MAX_BACKOFF.toMillis(), backoffMs * 2);
      }
      if (last) {
        return;
      }
      try {
        synchronized (wake) {
          if (!finishing && !closed) {
            wake.wait(backoffMs);
          }
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Uploads what the file holds past the committed seq, in transactions. */
  void uploadOnce() throws IOException {
    if (renew) {
      renew = false;
      dropProducer();
    }
    Producer<byte[], byte[]> p = producer();
    List<AuditRecord> pending = pending(committed.get());
    for (int from = 0; from < pending.size() && !closed; from += MAX_RECORDS_PER_TRANSACTION) {
      List<AuditRecord> chunk =
          pending.subList(from, Math.min(pending.size(), from + MAX_RECORDS_PER_TRANSACTION));
      p.beginTransaction();
      byte[] key = robotId.getBytes(StandardCharsets.UTF_8);
      for (AuditRecord r : chunk) {
        p.send(new ProducerRecord<>(topic, key, r.line().getBytes(StandardCharsets.UTF_8)));
      }
      long last = chunk.get(chunk.size() - 1).seq();
      p.send(
          new ProducerRecord<>(
              checkpointTopic,
              checkpointKey(robotId).getBytes(StandardCharsets.UTF_8),
              Long.toString(last).getBytes(StandardCharsets.UTF_8)));
      p.commitTransaction();
      committed.set(last);
    }
  }

  private List<AuditRecord> pending(long after) throws IOException {
    List<AuditRecord> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      AuditRecord r;
      try {
        r = AuditRecord.parse(new String(bytes, start, i - start, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        break; // a broken line: the daemon keeps this file aside at its next start
      }
      if (r.seq() > after) {
        out.add(r);
      }
      start = i + 1;
    }
    return out;
  }

  private Producer<byte[], byte[]> producer() {
    Producer<byte[], byte[]> p = producer;
    if (p != null) {
      return p;
    }
    Map<String, String> props = properties.get();
    Map<String, Object> config =
        new HashMap<>(ProducerSettings.producerConfig(robotId, bootstrap, props));
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(robotId));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "edge-gateway-audit-" + robotId);
    p = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    producer = p;
    p.initTransactions(); // fences an older producer and aborts its open transaction
    OptionalLong seq =
        AuditTopic.committedSeq(
            AuditTopic.consumer(robotId, bootstrap, props),
            checkpointTopic,
            checkpointKey(robotId));
    committed.set(seq.orElse(0));
    log.info("audit upload to {} resumes after seq {}", topic, committed.get());
    return p;
  }

  private void dropProducer() {
    Producer<byte[], byte[]> p = producer;
    producer = null;
    if (p != null) {
      p.close(Duration.ofSeconds(1));
    }
  }

  /**
   * Uploads what the file holds now (the daemon's {@code stop} record and last checkpoint, once the
   * audit log is closed) if that takes at most {@code finalUpload}, then stops; what it could not
   * upload goes at the next start. Idempotent.
   */
  public void close(Duration finalUpload) {
    if (closed) {
      return;
    }
    synchronized (wake) {
      finishing = true;
      wake.notifyAll();
    }
    try {
      thread.join(Math.max(1, finalUpload.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  /** Stops after the transaction in progress (5 s at most); idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dropProducer();
  }
}
