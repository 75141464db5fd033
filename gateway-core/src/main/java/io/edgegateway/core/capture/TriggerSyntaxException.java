package io.edgegateway.core.capture;

/** A trigger expression that does not parse; {@link #offset} is where the problem is. */
public final class TriggerSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  TriggerSyntaxException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** 0-based index of the character in the expression where the problem is. */
  public int offset() {
    return offset;
  }
}
