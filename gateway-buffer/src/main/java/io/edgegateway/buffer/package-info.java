/**
 * The SQLite durable queue adapter: batches stored across restarts, the intake ledger, the
 * data-directory lock and quarantine.
 */
@NullMarked
package io.edgegateway.buffer;

import org.jspecify.annotations.NullMarked;
