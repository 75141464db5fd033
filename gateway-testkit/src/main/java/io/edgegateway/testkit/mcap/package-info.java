/**
 * Independent MCAP readers for tests: the TypeScript {@code @mcap/core} readers and Foxglove's ROS
 * 2 CDR decoder, run with Node.js ({@link io.edgegateway.testkit.mcap.NodeMcapReader}).
 */
@NullMarked
package io.edgegateway.testkit.mcap;

import org.jspecify.annotations.NullMarked;
