package io.edgegateway.core.config;

import static io.edgegateway.core.config.HttpSchema.BIND;

/** Binds the {@code http} section ({@link HttpSchema}) to {@link HttpSettings}. */
final class HttpBinder {
  /** The settings; null when the section had errors (all reported). */
  HttpSettings bind(MappingView m) {
    HostPort bind = m.get(BIND);
    return m.build(() -> new HttpSettings(bind.host(), bind.port()));
  }
}
