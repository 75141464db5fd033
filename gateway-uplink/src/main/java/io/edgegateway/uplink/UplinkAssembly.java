package io.edgegateway.uplink;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.tls.TlsFiles;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a {@link KafkaUplink} from its arguments: checks them ({@link UplinkArguments}), starts the
 * TLS watcher ({@link UplinkTls}), builds the client factories ({@link UplinkClients}, with the
 * SASL properties), allows an OAUTHBEARER token endpoint ({@link OAuthAllowedUrls}) and starts the
 * session; a watcher never outlives a failed creation.
 */
final class UplinkAssembly {
  // The facade's logger: the daemon's log pattern prints the logger name.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private UplinkAssembly() {}

  static KafkaUplink create(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      @Nullable String dictionaryTopic,
      DictionaryLookup dictionaries,
      Optional<TlsFiles> tls,
      SaslCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    Optional<SaslSettings> sasl = credentials.current();
    UplinkArguments.check(
        robotId,
        bootstrapServers,
        clientProperties,
        streamToTopic,
        checkpointTopic,
        dictionaryTopic,
        dictionaries,
        tls);
    UplinkTls watcher = UplinkClients.startTls(robotId, clientProperties, tls, sasl.isPresent());
    try {
      UplinkClients clients =
          UplinkClients.of(robotId, bootstrapServers, clientProperties, watcher, credentials);
      sasl.flatMap(SaslSettings::tokenEndpoint).ifPresent(OAuthAllowedUrls::allow);
      if (sasl.isPresent() && watcher == null) {
        LOG.warn(
            "Uplink: SASL {} over SASL_PLAINTEXT: {} and the data travel in clear; add"
                + " uplink.kafka.tls",
            sasl.get().mechanism().kafkaName(),
            sasl.get().mechanism() == SaslSettings.Mechanism.OAUTHBEARER
                ? "the bearer tokens"
                : "the SCRAM exchange");
      }
      KafkaUplink uplink =
          new KafkaUplink(
              robotId,
              bootstrapServers,
              Map.copyOf(streamToTopic),
              checkpointTopic,
              dictionaryTopic,
              dictionaries,
              clients.producers(),
              clients.consumers(),
              clients.admins(),
              watcher,
              credentials);
      uplink.startSession();
      return uplink;
    } catch (RuntimeException e) {
      if (watcher != null) {
        watcher.close(); // no watching thread outlives a failed creation
      }
      throw e;
    }
  }
}
