/*
 * Deterministic contents of the sensors publisher's samples. The Java side
 * (io.edgegateway.daemon.ForeignSensorsEndToEndTest) computes the same values; keep both in step.
 */
#ifndef SENSOR_VALUES_H
#define SENSOR_VALUES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "SensorTypes.h"

#define SENSOR_JOINTS 29
#define SENSOR_IMAGE_BYTES 60000
#define SENSOR_STATUSES 3
#define SENSOR_TEXT 32

/* Storage the samples point into; filled per sample index. */
typedef struct sensor_buffers {
  char joint_names[SENSOR_JOINTS][SENSOR_TEXT];
  char *joint_name_ptrs[SENSOR_JOINTS];
  double position[SENSOR_JOINTS];
  double velocity[SENSOR_JOINTS];
  double effort[SENSOR_JOINTS];
  unsigned char image[SENSOR_IMAGE_BYTES];
  char status_text[SENSOR_STATUSES][4][SENSOR_TEXT];
  char kv_text[SENSOR_STATUSES][SENSOR_STATUSES][2][SENSOR_TEXT];
  diagnostic_msgs_msg_dds__KeyValue_ kvs[SENSOR_STATUSES][SENSOR_STATUSES];
  diagnostic_msgs_msg_dds__DiagnosticStatus_ statuses[SENSOR_STATUSES];
} sensor_buffers;

static void fill_joint_state(sensor_msgs_msg_dds__JointState_ *msg, sensor_buffers *b, int i)
{
  memset(msg, 0, sizeof(*msg));
  msg->header.stamp.sec = 1000 + i;
  msg->header.stamp.nanosec = (uint32_t) i * 7u;
  msg->header.frame_id = "base_link";
  for (int j = 0; j < SENSOR_JOINTS; j++) {
    snprintf(b->joint_names[j], SENSOR_TEXT, "joint_%d", j);
    b->joint_name_ptrs[j] = b->joint_names[j];
    b->position[j] = i + j / 100.0;
    b->velocity[j] = -(i + j / 100.0);
    b->effort[j] = j * 0.5 + i;
  }
  msg->name._length = msg->name._maximum = SENSOR_JOINTS;
  msg->name._buffer = b->joint_name_ptrs;
  msg->position._length = msg->position._maximum = SENSOR_JOINTS;
  msg->position._buffer = b->position;
  msg->velocity._length = msg->velocity._maximum = SENSOR_JOINTS;
  msg->velocity._buffer = b->velocity;
  msg->effort._length = msg->effort._maximum = SENSOR_JOINTS;
  msg->effort._buffer = b->effort;
}

static void fill_wrench(geometry_msgs_msg_dds__WrenchStamped_ *msg, int i)
{
  memset(msg, 0, sizeof(*msg));
  msg->header.stamp.sec = 2000 + i;
  msg->header.stamp.nanosec = (uint32_t) i;
  msg->header.frame_id = "ft_left";
  msg->wrench.force.x = i;
  msg->wrench.force.y = i + 0.5;
  msg->wrench.force.z = -i;
  msg->wrench.torque.x = i * 0.25;
  msg->wrench.torque.y = -0.125;
  msg->wrench.torque.z = 3.0;
}

static void fill_image(sensor_msgs_msg_dds__CompressedImage_ *msg, sensor_buffers *b, int i)
{
  memset(msg, 0, sizeof(*msg));
  msg->header.stamp.sec = 3000 + i;
  msg->header.stamp.nanosec = 0;
  msg->header.frame_id = "camera_head";
  msg->format = "jpeg";
  for (int k = 0; k < SENSOR_IMAGE_BYTES; k++) {
    b->image[k] = (unsigned char) ((k * 31 + i) & 0xff);
  }
  msg->data._length = msg->data._maximum = SENSOR_IMAGE_BYTES;
  msg->data._buffer = b->image;
}

static void fill_diagnostics(diagnostic_msgs_msg_dds__DiagnosticArray_ *msg, sensor_buffers *b, int i)
{
  memset(msg, 0, sizeof(*msg));
  msg->header.stamp.sec = 4000 + i;
  msg->header.stamp.nanosec = 0;
  msg->header.frame_id = "";
  for (int s = 0; s < SENSOR_STATUSES; s++) {
    diagnostic_msgs_msg_dds__DiagnosticStatus_ *st = &b->statuses[s];
    memset(st, 0, sizeof(*st));
    st->level = (uint8_t) s;
    snprintf(b->status_text[s][0], SENSOR_TEXT, "comp_%d", s);
    snprintf(b->status_text[s][1], SENSOR_TEXT, "msg %d %d", i, s);
    snprintf(b->status_text[s][2], SENSOR_TEXT, "hw%d", s);
    st->name = b->status_text[s][0];
    st->message = b->status_text[s][1];
    st->hardware_id = b->status_text[s][2];
    for (int v = 0; v <= s; v++) {
      snprintf(b->kv_text[s][v][0], SENSOR_TEXT, "k%d", v);
      snprintf(b->kv_text[s][v][1], SENSOR_TEXT, "v%d_%d_%d", i, s, v);
      b->kvs[s][v].key = b->kv_text[s][v][0];
      b->kvs[s][v].value = b->kv_text[s][v][1];
    }
    st->values._length = st->values._maximum = (uint32_t) (s + 1);
    st->values._buffer = b->kvs[s];
  }
  msg->status._length = msg->status._maximum = SENSOR_STATUSES;
  msg->status._buffer = b->statuses;
}

#endif
