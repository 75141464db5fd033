package io.edgegateway.core.port;

/** An active subscription; closing it stops delivery. */
public interface BusSubscription extends AutoCloseable {
  String topic();

  @Override
  void close();
}
