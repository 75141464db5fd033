/** The telemetry pipeline: intake, per-topic batching and the uplink loop. */
@NullMarked
package io.edgegateway.core.pipeline;

import org.jspecify.annotations.NullMarked;
