package io.edgegateway.daemon.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = EdgeGatewayCli.class.getPackage().getImplementationVersion();
    return new String[] {"edge-gateway " + (v == null ? "dev" : v)};
  }
}
