package io.edgegateway.core.fields;

/** A field could not be read from one sample (malformed sample, index past a sequence's end). */
public final class FieldReadException extends Exception {
  private static final long serialVersionUID = 1L;

  public FieldReadException(String message) {
    super(message);
  }

  public FieldReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
