/** The {@code edge-gateway} command line: run, validate, inspect and simulate. */
@NullMarked
package io.edgegateway.daemon.cli;

import org.jspecify.annotations.NullMarked;
