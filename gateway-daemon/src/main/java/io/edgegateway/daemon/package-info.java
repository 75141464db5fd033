/** The gateway daemon: wiring of core and adapters into a running gateway. */
@NullMarked
package io.edgegateway.daemon;

import org.jspecify.annotations.NullMarked;
