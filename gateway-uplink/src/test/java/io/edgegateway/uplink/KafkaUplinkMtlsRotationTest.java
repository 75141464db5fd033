package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.tls.TlsFiles;
import io.edgegateway.core.tls.TlsMaterial;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SslListener;
import io.edgegateway.testkit.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mTLS against a real broker whose SSL listener requires a client certificate: certificate A
 * expires while the uplink delivers, B is written over A's files (half-written first, then the
 * certificate without its key: both refused, A kept), the uplink takes B from its next transaction,
 * the broker restarts and the uplink reconnects with B. Every batch arrives once, in the same
 * process.
 */
class KafkaUplinkMtlsRotationTest {
  private static final String TOPIC = "mtls";
  private static final String CHECKPOINTS = "mtls-checkpoints";
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PACE = Duration.ofMillis(25);

  @TempDir Path dir;
  private final TestBatches batches = new TestBatches();

  @Test
  void certificateExpiresIsRotatedAndSurvivesABrokerRestartWithNothingLostOrDuplicated()
      throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"), "Fleet CA");
    SslListener ssl = SslListener.create(pki.caCert(), pki.server("broker"));
    try (EmbeddedKafka kafka = ssl.kafka().start()) {
      kafka.createTopic(TOPIC, 1, false);
      kafka.createTopic(CHECKPOINTS, 1, true);
      Instant start = Instant.now();
      TestPki.Issued a = pki.client("gateway-a", start.minusSeconds(60), start.plusSeconds(25));
      TestPki.Issued b = pki.client("gateway-b", start.minusSeconds(60), start.plusSeconds(3600));
      TlsFiles files =
          new TlsFiles(pki.caCert(), dir.resolve("client.pem"), dir.resolve("client.key"));
      Files.copy(a.cert(), files.certFile());
      Files.copy(a.key(), files.keyFile());
      Map<String, String> aProperties =
          TlsClientProperties.of(TlsMaterial.load(files, Instant.now()), false);

      try (KafkaUplink uplink =
          KafkaUplink.create(
              TestBatches.ROBOT,
              ssl.sslBootstrapServers(),
              Map.of(),
              Map.of("telemetry", TOPIC),
              CHECKPOINTS,
              null,
              DictionaryLookup.NONE,
              Optional.of(files))) {
        UplinkTls tls = uplink.tls().orElseThrow();
        Sender sender = new Sender(uplink);
        Thread thread = new Thread(sender, "mtls-sender");
        thread.start();
        try {
          awaitMore(sender, 0, 5);
          Instant aExpiry = tls.certificateNotAfter();

          // A expires; the broker now refuses a new handshake with it, the open connection stays.
          await()
              .atMost(Duration.ofSeconds(40))
              .until(() -> Instant.now().isAfter(aExpiry.plusSeconds(1)));
          assertThat(handshakeFailure(ssl, aProperties))
              .isInstanceOf(SslAuthenticationException.class);
          awaitMore(sender, sender.delivered.get(), 3);

          // B written over A non-atomically: half a certificate, then B's certificate with A's key.
          String bCert = Files.readString(b.cert());
          Files.writeString(files.certFile(), bCert.substring(0, bCert.length() / 2));
          await().atMost(Duration.ofSeconds(10)).until(() -> tls.reloadFailures() >= 1);
          assertThat(tls.lastError()).get().asString().contains("has no END line");
          Files.writeString(files.certFile(), bCert);
          await().atMost(Duration.ofSeconds(10)).until(() -> tls.reloadFailures() >= 2);
          assertThat(tls.lastError()).get().asString().contains("the key does not match");
          assertThat(tls.rotations()).isZero();
          assertThat(tls.certificateNotAfter()).isEqualTo(aExpiry);
          awaitMore(sender, sender.delivered.get(), 3); // still on A's connection

          Files.copy(b.key(), files.keyFile(), StandardCopyOption.REPLACE_EXISTING);
          await().atMost(Duration.ofSeconds(10)).until(() -> tls.rotations() == 1);
          assertThat(tls.certificateNotAfter()).isAfter(aExpiry.plusSeconds(3000));
          awaitMore(sender, sender.delivered.get(), 5); // a new producer, with B

          // The broker restarts: every connection is new, so only B can work now.
          kafka.restart();
          awaitMore(sender, sender.delivered.get(), 10);
        } finally {
          sender.stop.countDown();
          thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(sender.unexpected.get()).isNull();
        assertThat(tls.reloadFailures()).isEqualTo(2);
        assertThat(tls.rotations()).isEqualTo(1);

        long last = sender.delivered.get();
        try (BatchReader reader =
            BatchReader.create(
                kafka.bootstrapServers(), TOPIC, BatchReader.StartPosition.EARLIEST, Map.of())) {
          List<ReceivedBatch> received = new ArrayList<>(Readers.readAtLeast(reader, (int) last));
          received.addAll(reader.poll(Duration.ofMillis(500)));
          assertThat(received)
              .extracting(r -> r.batch().getBatchSeq())
              .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
          assertThat(reader.duplicates()).isZero();
          assertThat(reader.gaps()).isZero();
        }
        assertThat(uplink.committedCheckpoints(DELIVERY_TIMEOUT))
            .containsExactly(Map.entry("telemetry", last));

        // A foreign client (kcat: librdkafka on OpenSSL) over the SSL listener agrees: B is let
        // in and sees every committed batch once; the expired A is turned away.
        Kcat withB = kcat(ssl, pki.caCert(), b, "-C", "-t", TOPIC, "-e", "-q", "-f", "%o\\n");
        assertThat(withB.exit()).as("kcat with B: %s", withB.stderr()).isZero();
        assertThat(withB.stdout().lines().count()).isEqualTo(last);
        Kcat withA = kcat(ssl, pki.caCert(), a, "-L", "-m", "5");
        assertThat(withA.exit()).as("kcat with the expired A: %s", withA.stdout()).isNotZero();
      }
    }
  }

  private static void awaitMore(Sender sender, long from, int more) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sender.delivered.get() >= from + more || sender.unexpected.get() != null);
    assertThat(sender.unexpected.get()).isNull();
  }

  private record Kcat(int exit, String stdout, String stderr) {}

  private Kcat kcat(SslListener ssl, Path ca, TestPki.Issued client, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "kcat",
                "-b",
                ssl.sslBootstrapServers(),
                "-X",
                "security.protocol=ssl",
                "-X",
                "ssl.ca.location=" + ca,
                "-X",
                "ssl.certificate.location=" + client.cert(),
                "-X",
                "ssl.key.location=" + client.key(),
                "-X",
                "ssl.endpoint.identification.algorithm=https",
                "-X",
                "isolation.level=read_committed"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "kcat", ".out");
    Path err = Files.createTempFile(dir, "kcat", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    int exit = p.isAlive() ? -1 : p.exitValue();
    return new Kcat(exit, Files.readString(out), Files.readString(err));
  }

  /** What a fresh client with {@code properties} gets when it asks the SSL listener. */
  private static Throwable handshakeFailure(SslListener ssl, Map<String, String> properties) {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ssl.sslBootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
      throw new AssertionError("the broker accepted an expired client certificate");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Delivers batch 1, 2, 3, ... one per transaction, as the gateway's sender does: a failed
   * delivery is offered again until it succeeds.
   */
  private final class Sender implements Runnable {
    final KafkaUplink uplink;
    final AtomicLong delivered = new AtomicLong();
    final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    final CountDownLatch stop = new CountDownLatch(1);

    Sender(KafkaUplink uplink) {
      this.uplink = uplink;
    }

    @Override
    public void run() {
      try {
        long seq = 1;
        while (stop.getCount() > 0) {
          try {
            uplink.deliver(List.of(batches.batch("telemetry", seq)), DELIVERY_TIMEOUT);
            delivered.set(seq);
            seq++;
          } catch (UplinkException e) {
            // retried, as UplinkLoop does; the pause below is its backoff
          }
          stop.await(PACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        unexpected.set(e);
      }
    }
  }
}
