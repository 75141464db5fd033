package io.edgegateway.daemon;

/**
 * The {@link ConfigState} a gateway runs on now: written by the reload thread when a reload is
 * applied or refused, read by the status, the meters and the next reload.
 */
final class ConfigStateRef {
  private volatile ConfigState state;

  ConfigStateRef(ConfigState initial) {
    this.state = initial;
  }

  ConfigState get() {
    return state;
  }

  void set(ConfigState next) {
    this.state = next;
  }
}
