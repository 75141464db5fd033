/** The gateway's Micrometer metrics. */
@NullMarked
package io.edgegateway.core.metrics;

import org.jspecify.annotations.NullMarked;
