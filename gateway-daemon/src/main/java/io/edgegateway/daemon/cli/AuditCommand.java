package io.edgegateway.daemon.cli;

import io.edgegateway.core.audit.AuditKeys;
import io.edgegateway.core.audit.AuditSegments;
import io.edgegateway.core.audit.AuditVerification;
import io.edgegateway.core.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit verify} and {@code audit pubkey}: checks the audit log of a config (exit 0 intact, 1
 * tampered naming the first bad seq, 2 usage or config) and prints the checkpoint key's public
 * half.
 */
@Command(
    name = "audit",
    description = "Verify the tamper-evident audit log; print its public key.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Pubkey.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(
      name = "verify",
      description =
          "Check every record's hash, the chain and the checkpoint signatures; with --bootstrap"
              + " also that the local log is not shorter than its copy in Kafka.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "YAML config file")
    Path config;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers holding the audit topic")
    @Nullable String bootstrap;

    @Option(names = "--pubkey", description = "PEM public key (default: the signing key file's)")
    @Nullable Path pubkey;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Optional<GatewayConfig> loaded = ConfigFiles.load(config, err);
      if (loaded.isEmpty()) {
        return EdgeGatewayCli.EXIT_USAGE;
      }
      GatewayConfig c = loaded.get();
      Path dataDir = c.gateway().dataDir();
      Path log = c.audit().logFile(dataDir);
      PublicKey key;
      byte[] bytes;
      try {
        key = AuditKeys.readPublic(pubkey != null ? pubkey : c.audit().keyFile(dataDir));
        bytes = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
      } catch (IOException | RuntimeException e) {
        err.println("audit verify: " + e.getMessage());
        return EdgeGatewayCli.EXIT_USAGE;
      }
      Path dir = Objects.requireNonNull(log.toAbsolutePath().getParent(), "dir");
      AuditVerification v = AuditSegments.chain(dir, key).verify(bytes);
      if (!v.intact()) {
        err.println(log + ": " + v.summary());
        return EdgeGatewayCli.EXIT_FAILURE;
      }
      if (bootstrap != null) {
        OptionalLong uploaded;
        try {
          uploaded =
              io.edgegateway.uplink.AuditTopic.lastSeq(
                  bootstrap,
                  c.audit().topic(),
                  c.gateway().robotId(),
                  io.edgegateway.uplink.CommandClientProperties.of(c.uplink().kafka()));
        } catch (RuntimeException e) {
          err.println("audit verify: cannot read " + c.audit().topic() + ": " + e.getMessage());
          return EdgeGatewayCli.EXIT_USAGE;
        }
        if (uploaded.isPresent() && uploaded.getAsLong() > v.lastGoodSeq()) {
          err.println(
              log
                  + ": tampered at seq "
                  + (v.lastGoodSeq() + 1)
                  + ": the local log ends at seq "
                  + v.lastGoodSeq()
                  + " but "
                  + c.audit().topic()
                  + " holds records up to seq "
                  + uploaded.getAsLong()
                  + " (a cut tail)");
          return EdgeGatewayCli.EXIT_FAILURE;
        }
      }
      out.println(v.summary());
      return 0;
    }
  }

  @Command(name = "pubkey", description = "Print the public half of the checkpoint signing key.")
  static final class Pubkey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "YAML config file")
    Path config;

    @Override
    public Integer call() {
      Optional<GatewayConfig> loaded = ConfigFiles.load(config, spec.commandLine().getErr());
      if (loaded.isEmpty()) {
        return EdgeGatewayCli.EXIT_USAGE;
      }
      GatewayConfig c = loaded.get();
      try {
        PublicKey key = AuditKeys.readPublic(c.audit().keyFile(c.gateway().dataDir()));
        spec.commandLine().getOut().print(AuditKeys.publicPem(key));
        return 0;
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("audit pubkey: " + e.getMessage());
        return EdgeGatewayCli.EXIT_USAGE;
      }
    }
  }
}
