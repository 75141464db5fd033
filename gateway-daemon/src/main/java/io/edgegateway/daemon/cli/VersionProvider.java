package io.edgegateway.daemon.cli;

import picocli.CommandLine;

/** What {@code --version} prints: the daemon jar's implementation version. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = EdgeGatewayCli.class.getPackage().getImplementationVersion();
    return new String[] {"edge-gateway " + (v == null ? "dev" : v)};
  }
}
