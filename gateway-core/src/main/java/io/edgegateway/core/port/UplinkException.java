package io.edgegateway.core.port;

import org.jspecify.annotations.Nullable;

/**
 * The uplink failed to deliver. Batches it was given stay in the durable queue and are offered
 * again; {@link #retriable()} tells whether retrying can succeed without operator action.
 */
public class UplinkException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retriable;

  public UplinkException(String message, boolean retriable, @Nullable Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  public boolean retriable() {
    return retriable;
  }
}
