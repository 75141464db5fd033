package io.edgegateway.core.port;

/** The durable queue could not complete an operation; nothing it reported as done was undone. */
public class QueueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueException(String message, Throwable cause) {
    super(message, cause);
  }

  public QueueException(String message) {
    super(message);
  }
}
