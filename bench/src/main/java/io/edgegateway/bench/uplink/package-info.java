/**
 * The uplink drain benchmark: a SQLite backlog drained through the gateway's real sender and
 * transactional Kafka uplink, against a bare idempotent producer on the same batch bytes.
 */
@NullMarked
package io.edgegateway.bench.uplink;

import org.jspecify.annotations.NullMarked;
