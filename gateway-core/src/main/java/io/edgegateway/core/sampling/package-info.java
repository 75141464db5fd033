/** Samplers that decide which samples of a topic are kept. */
@NullMarked
package io.edgegateway.core.sampling;

import org.jspecify.annotations.NullMarked;
