/** The daemon's HTTP endpoints: health, metrics and ledger. */
@NullMarked
package io.edgegateway.daemon.http;

import org.jspecify.annotations.NullMarked;
