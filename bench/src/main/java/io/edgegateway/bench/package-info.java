/** JMH micro-benchmarks of the codec, the durable queue and the samplers, and the codec report. */
@NullMarked
package io.edgegateway.bench;

import org.jspecify.annotations.NullMarked;
