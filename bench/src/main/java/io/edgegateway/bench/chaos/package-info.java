/**
 * The chaos harness: runs the daemon as a process, kills and restarts it under load, and audits
 * delivery for loss and duplicates.
 */
@NullMarked
package io.edgegateway.bench.chaos;

import org.jspecify.annotations.NullMarked;
