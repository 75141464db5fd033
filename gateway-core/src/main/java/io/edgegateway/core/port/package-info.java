/** The ports the core talks through: the bus, the durable queue, the uplink and the clock. */
@NullMarked
package io.edgegateway.core.port;

import org.jspecify.annotations.NullMarked;
