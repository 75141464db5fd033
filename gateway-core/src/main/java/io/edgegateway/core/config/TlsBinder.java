package io.edgegateway.core.config;

import static io.edgegateway.core.config.TlsSchema.CA_FILE;
import static io.edgegateway.core.config.TlsSchema.CERT_FILE;
import static io.edgegateway.core.config.TlsSchema.KEY_FILE;
import static io.edgegateway.core.config.TlsSchema.KEY_PASSWORD;

import io.edgegateway.core.tls.TlsFiles;
import io.edgegateway.core.tls.TlsMaterial;
import io.edgegateway.core.tls.TlsMaterialException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code uplink.kafka.tls} section ({@link TlsSchema}) to {@link TlsFiles} and checks the
 * material the files hold ({@link TlsMaterial#load}: readable, complete PEM, key matches the
 * certificate, chain reaches the CA, not expired), reporting a problem at the {@code tls} key with
 * the file it is in. Also refuses pass-through {@code properties} that would contradict the
 * section: {@code security.protocol} and {@code ssl.*}.
 */
final class TlsBinder {
  private final ErrorCollector errors;

  TlsBinder(BindContext context) {
    this.errors = context.errors();
  }

  /** The files of {@code m}, or null when the section had errors (all reported). */
  @Nullable TlsFiles bind(MappingView m, Position tlsKey, String tlsPath) {
    Path ca = m.get(CA_FILE);
    Path cert = m.get(CERT_FILE);
    Path key = m.get(KEY_FILE);
    String password = m.get(KEY_PASSWORD);
    if (m.hasErrors() || ca == null || cert == null || key == null) {
      return null;
    }
    TlsFiles files =
        new TlsFiles(ca, cert, key, Optional.ofNullable(password).filter(p -> !p.isEmpty()));
    try {
      TlsMaterial.load(files, Instant.now());
    } catch (TlsMaterialException e) {
      errors.report(tlsKey, tlsPath, e.describe());
      return null;
    }
    return files;
  }

  /** Reports every property that {@code uplink.kafka.tls} sets itself. */
  void checkProperties(List<MappingView.Entry<String>> properties) {
    for (MappingView.Entry<String> property : properties) {
      String name = property.name();
      if (name.equals("security.protocol") || name.startsWith("ssl.")) {
        errors.report(
            property.keyPos(),
            property.path(),
            "set by uplink.kafka.tls; remove it here (or remove the tls section and configure TLS"
                + " through properties alone)");
      }
    }
  }

  /** Whether the pass-through properties configure SASL (then the protocol is SASL_SSL). */
  static boolean sasl(Map<String, String> properties) {
    return properties.keySet().stream().anyMatch(k -> k.startsWith("sasl."));
  }
}
