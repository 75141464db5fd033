/** A simulated humanoid robot that publishes realistic ROS 2 traffic. */
@NullMarked
package io.edgegateway.testkit.sim;

import org.jspecify.annotations.NullMarked;
