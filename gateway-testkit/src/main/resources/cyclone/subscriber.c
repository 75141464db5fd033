/*
 * Cyclone DDS test subscriber: reads K std_msgs/msg/String samples (reliable, keep-all) and prints
 * each one's data on its own line, then exits.
 *
 * usage: subscriber <domain-id> <string-dds-topic> <k> [timeout-ms] [volatile|transient_local]
 * exit:  0 all K received, 1 DDS error, 2 timed out, 64 usage
 * stdout: "ready" once the reader exists, then one line per sample.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dds/dds.h"
#include "RosTypes.h"

#define BATCH 64

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: %s <domain-id> <string-topic> <k> [timeout-ms] [volatile|transient_local]\n", argv[0]);
    return 64;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  const dds_domainid_t domain = (dds_domainid_t) atoi(argv[1]);
  const char *topic_name = argv[2];
  const int k = atoi(argv[3]);
  const int timeout_ms = argc > 4 ? atoi(argv[4]) : 10000;
  const int transient_local = argc > 5 && strcmp(argv[5], "transient_local") == 0;
  const dds_time_t deadline = dds_time() + DDS_MSECS(timeout_ms);

  dds_entity_t participant = dds_create_participant(domain, NULL, NULL);
  if (participant < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(-participant));
    return 1;
  }
  dds_entity_t topic = dds_create_topic(participant, &std_msgs_msg_dds__String__desc, topic_name, NULL, NULL);
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_SECS(10));
  dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
  if (transient_local) {
    dds_qset_durability(qos, DDS_DURABILITY_TRANSIENT_LOCAL);
  }
  dds_entity_t reader = topic < 0 ? topic : dds_create_reader(participant, topic, qos, NULL);
  dds_delete_qos(qos);
  if (reader < 0) {
    fprintf(stderr, "cannot create reader\n");
    dds_delete(participant);
    return 1;
  }
  dds_entity_t waitset = dds_create_waitset(participant);
  dds_entity_t readcond = dds_create_readcondition(reader, DDS_ANY_STATE);
  dds_waitset_attach(waitset, readcond, 0);
  printf("ready\n");

  void *samples[BATCH] = {NULL};
  dds_sample_info_t infos[BATCH];
  int received = 0;
  while (received < k) {
    dds_time_t now = dds_time();
    if (now >= deadline) {
      fprintf(stderr, "received %d of %d within %d ms\n", received, k, timeout_ms);
      dds_delete(participant);
      return 2;
    }
    dds_waitset_wait(waitset, NULL, 0, deadline - now);
    int count;
    while ((count = dds_take(reader, samples, infos, BATCH, BATCH)) > 0) {
      for (int i = 0; i < count; i++) {
        if (infos[i].valid_data) {
          const std_msgs_msg_dds__String_ *msg = samples[i];
          printf("%s\n", msg->data);
          received++;
        }
      }
      dds_return_loan(reader, samples, count);
    }
  }
  dds_delete(participant);
  return 0;
}
