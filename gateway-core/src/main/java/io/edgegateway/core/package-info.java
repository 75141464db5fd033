/** The gateway's domain values: envelopes, ROS type names and traffic classes. */
@NullMarked
package io.edgegateway.core;

import org.jspecify.annotations.NullMarked;
