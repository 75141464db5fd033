package io.edgegateway.core.config;

import static io.edgegateway.core.config.HttpSchema.AUTH;
import static io.edgegateway.core.config.HttpSchema.BIND;
import static io.edgegateway.core.config.HttpSchema.PROTECT_METRICS;
import static io.edgegateway.core.config.HttpSchema.TOKEN_FILE;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code http} section ({@link HttpSchema}) to {@link HttpSettings}; reads the token of
 * {@code http.auth.token_file} ({@link TokenFile}).
 */
final class HttpBinder {
  private final ErrorCollector errors;

  HttpBinder(BindContext context) {
    this.errors = context.errors();
  }

  /** The settings; null when the section had errors (all reported). */
  @Nullable HttpSettings bind(MappingView m) {
    HostPort bind = m.get(BIND);
    Optional<HttpAuth> auth = auth(m.section(AUTH));
    return m.build(
        () -> {
          HostPort hostPort = Objects.requireNonNull(bind, "bind");
          return new HttpSettings(hostPort.host(), hostPort.port(), auth);
        });
  }

  private Optional<HttpAuth> auth(MappingView m) {
    if (!m.present()) {
      return Optional.empty();
    }
    Path file = m.get(TOKEN_FILE);
    Boolean protectMetrics = m.get(PROTECT_METRICS);
    if (file == null || protectMetrics == null) {
      return Optional.empty(); // reported
    }
    Secret token = TokenFile.read(file, m.valuePos(TOKEN_FILE), m.path(TOKEN_FILE), errors);
    return token == null
        ? Optional.empty()
        : Optional.of(new HttpAuth(file, token, protectMetrics));
  }
}
