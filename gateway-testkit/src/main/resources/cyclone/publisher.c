/*
 * Cyclone DDS test publisher: writes N std_msgs/msg/String ("hello <i>") and M sensor_msgs/msg/Imu
 * (values from ros_values.h) reliably with keep-all history, after each writer has matched a reader,
 * then waits until every matched reader acknowledged everything.
 *
 * usage: publisher <domain-id> <string-dds-topic> <n> <imu-dds-topic> <m> [timeout-ms]
 * exit:  0 done, 1 DDS error, 2 no reader matched in time, 3 write failed, 4 not acknowledged, 64 usage
 * stdout: "matched", "published <n> <m>", "acked" as each phase completes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dds/dds.h"
#include "RosTypes.h"
#include "ros_values.h"

static int wait_matched(dds_entity_t writer, dds_time_t deadline)
{
  dds_publication_matched_status_t st;
  for (;;) {
    if (dds_get_publication_matched_status(writer, &st) < 0) {
      return 1;
    }
    if (st.current_count > 0) {
      return 0;
    }
    if (dds_time() > deadline) {
      return 2;
    }
    dds_sleepfor(DDS_MSECS(5));
  }
}

int main(int argc, char **argv)
{
  if (argc < 6) {
    fprintf(stderr, "usage: %s <domain-id> <string-topic> <n> <imu-topic> <m> [timeout-ms]\n", argv[0]);
    return 64;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  const dds_domainid_t domain = (dds_domainid_t) atoi(argv[1]);
  const char *string_topic = argv[2];
  const int n = atoi(argv[3]);
  const char *imu_topic = argv[4];
  const int m = atoi(argv[5]);
  const int timeout_ms = argc > 6 ? atoi(argv[6]) : 10000;
  const dds_time_t deadline = dds_time() + DDS_MSECS(timeout_ms);

  dds_entity_t participant = dds_create_participant(domain, NULL, NULL);
  if (participant < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(-participant));
    return 1;
  }
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_SECS(10));
  dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
  /* USER_DATA of the writers, as rmw of ROS 2 Iron+ sets it ("typehash=RIHS01_...;") */
  const char *user_data = getenv("EG_WRITER_USER_DATA");
  if (user_data != NULL) {
    dds_qset_userdata(qos, user_data, strlen(user_data));
  }

  dds_entity_t string_writer = 0;
  dds_entity_t imu_writer = 0;
  if (n > 0) {
    dds_entity_t t = dds_create_topic(participant, &std_msgs_msg_dds__String__desc, string_topic, NULL, NULL);
    string_writer = t < 0 ? t : dds_create_writer(participant, t, qos, NULL);
  }
  if (m > 0) {
    dds_entity_t t = dds_create_topic(participant, &sensor_msgs_msg_dds__Imu__desc, imu_topic, NULL, NULL);
    imu_writer = t < 0 ? t : dds_create_writer(participant, t, qos, NULL);
  }
  dds_delete_qos(qos);
  if (string_writer < 0 || imu_writer < 0) {
    fprintf(stderr, "cannot create writers\n");
    dds_delete(participant);
    return 1;
  }

  int rc = 0;
  if (n > 0 && (rc = wait_matched(string_writer, deadline)) == 0 && m > 0) {
    rc = wait_matched(imu_writer, deadline);
  } else if (n == 0 && m > 0) {
    rc = wait_matched(imu_writer, deadline);
  }
  if (rc != 0) {
    fprintf(stderr, "no reader matched within %d ms\n", timeout_ms);
    dds_delete(participant);
    return rc;
  }
  printf("matched\n");

  char text[64];
  for (int i = 0; i < n; i++) {
    std_msgs_msg_dds__String_ msg;
    fill_string(&msg, text, sizeof(text), i);
    dds_return_t ret = dds_write(string_writer, &msg);
    if (ret != DDS_RETCODE_OK) {
      fprintf(stderr, "dds_write string %d: %s\n", i, dds_strretcode(-ret));
      dds_delete(participant);
      return 3;
    }
  }
  char frame_id[] = "imu_link";
  for (int i = 0; i < m; i++) {
    sensor_msgs_msg_dds__Imu_ msg;
    fill_imu(&msg, frame_id, i);
    dds_return_t ret = dds_write(imu_writer, &msg);
    if (ret != DDS_RETCODE_OK) {
      fprintf(stderr, "dds_write imu %d: %s\n", i, dds_strretcode(-ret));
      dds_delete(participant);
      return 3;
    }
  }
  printf("published %d %d\n", n, m);

  dds_duration_t remaining = deadline - dds_time();
  if (remaining < DDS_MSECS(1)) {
    remaining = DDS_MSECS(1);
  }
  if ((n > 0 && dds_wait_for_acks(string_writer, remaining) != DDS_RETCODE_OK)
      || (m > 0 && dds_wait_for_acks(imu_writer, remaining) != DDS_RETCODE_OK)) {
    fprintf(stderr, "samples not acknowledged within %d ms\n", timeout_ms);
    dds_delete(participant);
    return 4;
  }
  printf("acked\n");
  dds_delete(participant);
  return 0;
}
