/*
 * Cyclone DDS test publisher of robot sensor types: writes N samples each of
 * sensor_msgs/msg/JointState (29 joints), geometry_msgs/msg/WrenchStamped,
 * sensor_msgs/msg/CompressedImage (60,000 bytes) and diagnostic_msgs/msg/DiagnosticArray
 * (values from sensor_values.h) reliably with keep-all history on <prefix>/joint_states,
 * <prefix>/wrench, <prefix>/image/compressed and <prefix>/diagnostics (DDS names, "rt/..."),
 * after each writer has matched a reader, then waits until every matched reader acknowledged.
 *
 * usage: sensors <domain-id> <dds-topic-prefix> <n> [timeout-ms]
 * exit:  0 done, 1 DDS error, 2 no reader matched in time, 3 write failed, 4 not acknowledged, 64 usage
 * stdout: "matched", "published <n>", "acked" as each phase completes.
 */
#include <stdio.h>
#include <stdlib.h>
#include "dds/dds.h"
#include "SensorTypes.h"
#include "sensor_values.h"

#define WRITERS 4

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
  if (argc < 4) {
    fprintf(stderr, "usage: %s <domain-id> <dds-topic-prefix> <n> [timeout-ms]\n", argv[0]);
    return 64;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  const dds_domainid_t domain = (dds_domainid_t) atoi(argv[1]);
  const char *prefix = argv[2];
  const int n = atoi(argv[3]);
  const int timeout_ms = argc > 4 ? atoi(argv[4]) : 10000;
  const dds_time_t deadline = dds_time() + DDS_MSECS(timeout_ms);

  dds_entity_t participant = dds_create_participant(domain, NULL, NULL);
  if (participant < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(-participant));
    return 1;
  }
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_SECS(10));
  dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);

  const dds_topic_descriptor_t *descs[WRITERS] = {
    &sensor_msgs_msg_dds__JointState__desc,
    &geometry_msgs_msg_dds__WrenchStamped__desc,
    &sensor_msgs_msg_dds__CompressedImage__desc,
    &diagnostic_msgs_msg_dds__DiagnosticArray__desc,
  };
  const char *suffixes[WRITERS] = {"/joint_states", "/wrench", "/image/compressed", "/diagnostics"};
  dds_entity_t writers[WRITERS];
  for (int w = 0; w < WRITERS; w++) {
    char name[256];
    snprintf(name, sizeof(name), "%s%s", prefix, suffixes[w]);
    dds_entity_t t = dds_create_topic(participant, descs[w], name, NULL, NULL);
    writers[w] = t < 0 ? t : dds_create_writer(participant, t, qos, NULL);
    if (writers[w] < 0) {
      fprintf(stderr, "cannot create writer for %s: %s\n", name, dds_strretcode(-writers[w]));
      dds_delete_qos(qos);
      dds_delete(participant);
      return 1;
    }
  }
  dds_delete_qos(qos);

  for (int w = 0; w < WRITERS; w++) {
    int rc = wait_matched(writers[w], deadline);
    if (rc != 0) {
      fprintf(stderr, "no reader matched %s within %d ms\n", suffixes[w], timeout_ms);
      dds_delete(participant);
      return rc;
    }
  }
  printf("matched\n");

  sensor_buffers *b = calloc(1, sizeof(sensor_buffers));
  if (b == NULL) {
    dds_delete(participant);
    return 1;
  }
  for (int i = 0; i < n; i++) {
    sensor_msgs_msg_dds__JointState_ js;
    geometry_msgs_msg_dds__WrenchStamped_ wr;
    sensor_msgs_msg_dds__CompressedImage_ img;
    diagnostic_msgs_msg_dds__DiagnosticArray_ diag;
    fill_joint_state(&js, b, i);
    fill_wrench(&wr, i);
    fill_image(&img, b, i);
    fill_diagnostics(&diag, b, i);
    const void *samples[WRITERS] = {&js, &wr, &img, &diag};
    for (int w = 0; w < WRITERS; w++) {
      dds_return_t ret = dds_write(writers[w], samples[w]);
      if (ret != DDS_RETCODE_OK) {
        fprintf(stderr, "dds_write %s %d: %s\n", suffixes[w], i, dds_strretcode(-ret));
        free(b);
        dds_delete(participant);
        return 3;
      }
    }
  }
  free(b);
  printf("published %d\n", n);

  for (int w = 0; w < WRITERS; w++) {
    dds_duration_t remaining = deadline - dds_time();
    if (remaining < DDS_MSECS(1)) {
      remaining = DDS_MSECS(1);
    }
    if (dds_wait_for_acks(writers[w], remaining) != DDS_RETCODE_OK) {
      fprintf(stderr, "%s samples not acknowledged within %d ms\n", suffixes[w], timeout_ms);
      dds_delete(participant);
      return 4;
    }
  }
  printf("acked\n");
  dds_delete(participant);
  return 0;
}
