package io.edgegateway.core.config;

import static io.edgegateway.core.config.AuditSchema.ENABLED;
import static io.edgegateway.core.config.AuditSchema.PATH;
import static io.edgegateway.core.config.AuditSchema.SIGNING_KEY_FILE;
import static io.edgegateway.core.config.AuditSchema.TOPIC;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Binds the {@code audit} section ({@link AuditSchema}) to {@link AuditSettings}. */
final class AuditBinder {
  /** The settings; null when the section had errors (all reported). */
  @Nullable AuditSettings bind(MappingView m) {
    Boolean enabled = m.get(ENABLED);
    Path path = m.get(PATH);
    String topic = m.get(TOPIC);
    Path key = m.get(SIGNING_KEY_FILE);
    return m.build(
        () ->
            new AuditSettings(
                Objects.requireNonNull(enabled, "enabled"),
                Optional.ofNullable(path),
                Objects.requireNonNull(topic, "topic"),
                Optional.ofNullable(key)));
  }
}
