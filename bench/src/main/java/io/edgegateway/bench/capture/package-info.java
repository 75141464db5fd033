/** The capture benchmarks of {@code bench/capture.sh}: ring write and MCAP export throughput. */
@NullMarked
package io.edgegateway.bench.capture;

import org.jspecify.annotations.NullMarked;
