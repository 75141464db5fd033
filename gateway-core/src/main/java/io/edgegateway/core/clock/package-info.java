/**
 * The health of the gateway's wall clock: the snapshot batches and {@code /v1/status} carry, the
 * wall-clock jump detector, and the header stamps of samples compared with it.
 */
@NullMarked
package io.edgegateway.core.clock;

import org.jspecify.annotations.NullMarked;
