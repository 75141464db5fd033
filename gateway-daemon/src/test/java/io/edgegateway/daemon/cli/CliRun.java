package io.edgegateway.daemon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the real command line, with what it printed. */
record CliRun(int exit, String out, String err) {

  /** Runs {@code edge-gateway args...} and captures stdout and stderr. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = EdgeGatewayCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
