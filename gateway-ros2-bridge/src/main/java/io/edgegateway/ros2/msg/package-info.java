/**
 * ROS 2 message definitions and a dynamic CDR decoder: {@link
 * io.edgegateway.ros2.msg.MessageRegistry} parses {@code .msg} files (bundled ones and those under
 * {@code ros2.message_paths}), {@link io.edgegateway.ros2.msg.CdrDecoder} turns a CDR sample into a
 * value tree using them. Pure Java; no DDS library is imported here.
 */
@NullMarked
package io.edgegateway.ros2.msg;

import org.jspecify.annotations.NullMarked;
