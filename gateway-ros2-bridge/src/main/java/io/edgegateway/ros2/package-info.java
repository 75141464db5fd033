/**
 * The gateway's ROS 2 bus adapter on Fast-DDS (ihmc-pub-sub / ihmc-ros2-library). The only package
 * that may import {@code us.ihmc} or {@code com.eprosima} classes; everything else talks to {@link
 * io.edgegateway.core.port.Bus}. Entry point: {@link io.edgegateway.ros2.FastDdsBus}.
 */
@NullMarked
package io.edgegateway.ros2;

import org.jspecify.annotations.NullMarked;
