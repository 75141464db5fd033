/**
 * The ports the core talks through: the bus, the durable queue, the uplink, the clock, and batch
 * sources to export from.
 */
@NullMarked
package io.edgegateway.core.port;

import org.jspecify.annotations.NullMarked;
