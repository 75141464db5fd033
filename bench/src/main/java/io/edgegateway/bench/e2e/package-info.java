/**
 * The end-to-end benchmark: simulated robot traffic through a real daemon to Kafka, with latency,
 * resource and ceiling reports.
 */
@NullMarked
package io.edgegateway.bench.e2e;

import org.jspecify.annotations.NullMarked;
