/** Field metrics: paths into decoded samples, their readers and the gauges they feed. */
@NullMarked
package io.edgegateway.core.fields;

import org.jspecify.annotations.NullMarked;
