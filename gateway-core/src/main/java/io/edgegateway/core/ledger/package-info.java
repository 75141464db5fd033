/**
 * The intake ledger: per-topic sequence accounting that proves what was taken in, committed or
 * lost.
 */
@NullMarked
package io.edgegateway.core.ledger;

import org.jspecify.annotations.NullMarked;
