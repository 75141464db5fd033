/*
 * Cyclone DDS test publisher for loss accounting: writes M sensor_msgs/msg/Imu (values from
 * ros_values.h) best-effort as fast as it can once a reader matched, then waits for a line on stdin
 * and writes one last sample (index M), so a reader that lost part of the burst sees the gap in the
 * writer's sequence numbers.
 *
 * usage: burst <domain-id> <imu-dds-topic> <m> [timeout-ms]
 * exit:  0 done, 1 DDS error, 2 no reader matched in time, 3 write failed, 64 usage
 * stdout: "matched", "published <m>", "final" as each phase completes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dds/dds.h"
#include "RosTypes.h"
#include "ros_values.h"

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: %s <domain-id> <imu-topic> <m> [timeout-ms]\n", argv[0]);
    return 64;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  const dds_domainid_t domain = (dds_domainid_t) atoi(argv[1]);
  const char *imu_topic = argv[2];
  const int m = atoi(argv[3]);
  const int timeout_ms = argc > 4 ? atoi(argv[4]) : 10000;
  const dds_time_t deadline = dds_time() + DDS_MSECS(timeout_ms);

  dds_entity_t participant = dds_create_participant(domain, NULL, NULL);
  if (participant < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(-participant));
    return 1;
  }
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_BEST_EFFORT, 0);
  dds_qset_history(qos, DDS_HISTORY_KEEP_LAST, 1);
  dds_entity_t t = dds_create_topic(participant, &sensor_msgs_msg_dds__Imu__desc, imu_topic, NULL, NULL);
  dds_entity_t writer = t < 0 ? t : dds_create_writer(participant, t, qos, NULL);
  dds_delete_qos(qos);
  if (writer < 0) {
    fprintf(stderr, "cannot create writer\n");
    dds_delete(participant);
    return 1;
  }
  dds_publication_matched_status_t st;
  for (;;) {
    if (dds_get_publication_matched_status(writer, &st) < 0) {
      dds_delete(participant);
      return 1;
    }
    if (st.current_count > 0) {
      break;
    }
    if (dds_time() > deadline) {
      fprintf(stderr, "no reader matched within %d ms\n", timeout_ms);
      dds_delete(participant);
      return 2;
    }
    dds_sleepfor(DDS_MSECS(5));
  }
  /* the reader's side of the match (its first ACKNACK/heartbeat round) settles */
  dds_sleepfor(DDS_MSECS(200));
  printf("matched\n");

  char frame_id[] = "imu_link";
  for (int i = 0; i <= m; i++) {
    if (i == m) {
      printf("published %d\n", m);
      char line[16];
      if (fgets(line, sizeof(line), stdin) == NULL) {
        /* stdin closed: still write the last sample */
      }
    }
    sensor_msgs_msg_dds__Imu_ msg;
    fill_imu(&msg, frame_id, i);
    dds_return_t ret = dds_write(writer, &msg);
    if (ret != DDS_RETCODE_OK) {
      fprintf(stderr, "dds_write imu %d: %s\n", i, dds_strretcode(-ret));
      dds_delete(participant);
      return 3;
    }
  }
  printf("final\n");
  dds_sleepfor(DDS_MSECS(500));
  dds_delete(participant);
  return 0;
}
