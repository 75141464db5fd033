package io.edgegateway.daemon.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Endpoints that count reloads and answer each at once with 200 {@code {"ok":true}}. */
final class CountingEndpoints implements HttpEndpoints {
  final AtomicInteger reloads = new AtomicInteger();
  final String status;

  CountingEndpoints(String status) {
    this.status = status;
  }

  CountingEndpoints() {
    this("{\"status\":\"fine\"}\n");
  }

  @Override
  public String metrics() {
    return "# metrics\n";
  }

  @Override
  public String notReadyReason() {
    return null;
  }

  @Override
  public String statusJson() {
    return status;
  }

  @Override
  public CompletableFuture<Reply> reload() {
    reloads.incrementAndGet();
    return CompletableFuture.completedFuture(new Reply(200, "{\"ok\":true}\n"));
  }
}
