package io.edgegateway.ros2.msg;

/**
 * A CDR sample that cannot be decoded with its definition: truncated, a length beyond the sample,
 * an unsupported encapsulation, too deep, or an unknown type. The only exception {@link
 * CdrDecoder#decode} throws.
 */
public final class CdrDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public CdrDecodeException(String message) {
    super(message);
  }

  public CdrDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
