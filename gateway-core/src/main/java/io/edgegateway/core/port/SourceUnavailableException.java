package io.edgegateway.core.port;

/** A {@link BatchSource} cannot be reached or read; the message says which and why. */
public class SourceUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public SourceUnavailableException(String message) {
    super(message);
  }
}
