/**
 * The bandwidth budget of the uplink: a token bucket, a daily cap and the class order of what
 * waits.
 */
@NullMarked
package io.edgegateway.core.budget;

import org.jspecify.annotations.NullMarked;
