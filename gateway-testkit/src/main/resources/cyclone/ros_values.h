/*
 * Deterministic sample contents shared by the Cyclone test peers. The Java side
 * (io.edgegateway.testkit.dds.RosSamples) computes the same values; keep both in step.
 * All values except 9.80665 are exactly representable doubles.
 */
#ifndef ROS_VALUES_H
#define ROS_VALUES_H

#include <stdio.h>
#include <string.h>
#include "RosTypes.h"

static void fill_string(std_msgs_msg_dds__String_ *msg, char *buf, size_t buf_size, int i)
{
  snprintf(buf, buf_size, "hello %d", i);
  msg->data = buf;
}

static void fill_imu(sensor_msgs_msg_dds__Imu_ *msg, char *frame_id, int i)
{
  memset(msg, 0, sizeof(*msg));
  msg->header.stamp.sec = i;
  msg->header.stamp.nanosec = (uint32_t) i * 1000u;
  msg->header.frame_id = frame_id;
  msg->orientation.x = i * 0.5;
  msg->orientation.y = i * 0.25;
  msg->orientation.z = -i * 0.125;
  msg->orientation.w = 1.0;
  msg->angular_velocity.x = i + 0.5;
  msg->angular_velocity.y = i + 1.5;
  msg->angular_velocity.z = -(i + 2.5);
  msg->linear_acceleration.x = i * 0.75;
  msg->linear_acceleration.y = -i * 0.75;
  msg->linear_acceleration.z = 9.80665;
  for (int k = 0; k < 9; k++) {
    msg->orientation_covariance[k] = i + k * 0.5;
    msg->angular_velocity_covariance[k] = i * 2.0 + k * 0.25;
    msg->linear_acceleration_covariance[k] = i * 4.0 + k * 0.125;
  }
}

#endif
