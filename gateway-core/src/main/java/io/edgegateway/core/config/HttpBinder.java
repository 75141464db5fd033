package io.edgegateway.core.config;

import static io.edgegateway.core.config.HttpSchema.BIND;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Binds the {@code http} section ({@link HttpSchema}) to {@link HttpSettings}. */
final class HttpBinder {
  /** The settings; null when the section had errors (all reported). */
  @Nullable HttpSettings bind(MappingView m) {
    HostPort bind = m.get(BIND);
    return m.build(
        () -> {
          HostPort hostPort = Objects.requireNonNull(bind, "bind");
          return new HttpSettings(hostPort.host(), hostPort.port());
        });
  }
}
