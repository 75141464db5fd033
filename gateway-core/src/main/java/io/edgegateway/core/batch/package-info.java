/** Sealed batches and their per-topic summaries. */
@NullMarked
package io.edgegateway.core.batch;

import org.jspecify.annotations.NullMarked;
