package io.edgegateway.uplink;

import io.edgegateway.core.port.UplinkException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivers batch 1, 2, 3, ... one per transaction on its own thread, as the gateway's sender does:
 * a failed delivery is offered again until it succeeds. Counts and keeps the failures.
 */
final class SaslSender implements Runnable, AutoCloseable {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PACE = Duration.ofMillis(20);

  final AtomicLong delivered = new AtomicLong();
  final List<String> failures = new CopyOnWriteArrayList<>();
  final AtomicReference<Throwable> unexpected = new AtomicReference<>();
  private final KafkaUplink uplink;
  private final TestBatches batches = new TestBatches();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  SaslSender(KafkaUplink uplink) {
    this.uplink = uplink;
    this.thread = new Thread(this, "sasl-sender");
    thread.start();
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
          failures.add(e.getMessage()); // retried, as UplinkLoop does; the pause is its backoff
        }
        stop.await(PACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      unexpected.set(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop.countDown();
    thread.join(TimeUnit.SECONDS.toMillis(60));
  }
}
