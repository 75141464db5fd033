package io.edgegateway.core.port;

/**
 * The uplink was fenced: another gateway instance with the same robot id started a newer producer
 * session, so this instance can never deliver again. Never retriable; the sender stops.
 */
public final class UplinkFencedException extends UplinkException {
  private static final long serialVersionUID = 1L;

  public UplinkFencedException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
