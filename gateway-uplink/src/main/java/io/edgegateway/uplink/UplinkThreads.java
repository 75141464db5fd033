package io.edgegateway.uplink;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The uplink's single-thread executors: named daemon threads that log what escapes them. */
final class UplinkThreads {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private UplinkThreads() {}

  static ExecutorService daemonExecutor(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          t.setUncaughtExceptionHandler(
              (thread, e) -> LOG.error("Uncaught exception in {}", thread.getName(), e));
          return t;
        });
  }
}
