package io.edgegateway.core.codec;

/** Bytes that should hold a batch do not. */
public class BatchFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public BatchFormatException(String message) {
    super(message);
  }

  public BatchFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
