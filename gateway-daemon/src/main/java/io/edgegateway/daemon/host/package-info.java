/** Readings of the host the daemon runs on: resident memory, kernel clock synchronisation. */
@NullMarked
package io.edgegateway.daemon.host;

import org.jspecify.annotations.NullMarked;
