/** The fast path: low-latency control relays and mirror taps that bypass the durable pipeline. */
@NullMarked
package io.edgegateway.core.fastpath;

import org.jspecify.annotations.NullMarked;
