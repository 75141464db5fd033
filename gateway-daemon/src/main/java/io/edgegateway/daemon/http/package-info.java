/** The daemon's operator HTTP endpoint: metrics, health, readiness and status. */
@NullMarked
package io.edgegateway.daemon.http;

import org.jspecify.annotations.NullMarked;
