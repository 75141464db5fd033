/*
 * Crash-harness publisher: writes std_msgs/msg/String samples whose data is the decimal per-topic
 * sequence number (1, 2, 3, ...) on each given topic at a fixed rate, best-effort with keep-last
 * history, whether or not a reader is matched (the gateway under test is killed and restarted all
 * the time; a publisher that waited for it would hide the losses the harness must see).
 *
 * usage: chaos_pub <domain-id> <rate-hz per topic> <stop-file> <dds-topic>...
 * Runs until <stop-file> exists, then prints "published <dds-topic> <count>" per topic and exits 0.
 * exit: 1 DDS error, 64 usage. stdout: "started" once the writers exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "dds/dds.h"
#include "Chaos.h"

#define MAX_TOPICS 16

int main(int argc, char **argv)
{
  if (argc < 5) {
    fprintf(stderr, "usage: %s <domain-id> <rate-hz> <stop-file> <dds-topic>...\n", argv[0]);
    return 64;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  const dds_domainid_t domain = (dds_domainid_t) atoi(argv[1]);
  const double rate = atof(argv[2]);
  const char *stop_file = argv[3];
  const int topics = argc - 4;
  if (rate <= 0 || topics > MAX_TOPICS) {
    fprintf(stderr, "rate must be > 0 and at most %d topics\n", MAX_TOPICS);
    return 64;
  }
  dds_entity_t participant = dds_create_participant(domain, NULL, NULL);
  if (participant < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(-participant));
    return 1;
  }
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_BEST_EFFORT, 0);
  dds_qset_history(qos, DDS_HISTORY_KEEP_LAST, 1);
  dds_entity_t writers[MAX_TOPICS];
  unsigned long long counts[MAX_TOPICS];
  for (int i = 0; i < topics; i++) {
    dds_entity_t t = dds_create_topic(participant, &std_msgs_msg_dds__String__desc, argv[4 + i], NULL, NULL);
    writers[i] = t < 0 ? t : dds_create_writer(participant, t, qos, NULL);
    if (writers[i] < 0) {
      fprintf(stderr, "cannot create writer for %s: %s\n", argv[4 + i], dds_strretcode(-writers[i]));
      dds_delete(participant);
      return 1;
    }
    counts[i] = 0;
  }
  dds_delete_qos(qos);
  printf("started\n");

  const dds_duration_t period = (dds_duration_t) (1e9 / rate);
  dds_time_t next = dds_time();
  char text[32];
  int tick = 0;
  for (;;) {
    if ((tick++ & 63) == 0 && access(stop_file, F_OK) == 0) {
      break;
    }
    for (int i = 0; i < topics; i++) {
      snprintf(text, sizeof text, "%llu", counts[i] + 1);
      std_msgs_msg_dds__String_ sample = { .data = text };
      dds_return_t rc = dds_write(writers[i], &sample);
      if (rc != DDS_RETCODE_OK) {
        fprintf(stderr, "dds_write %s: %s\n", argv[4 + i], dds_strretcode(-rc));
        dds_delete(participant);
        return 1;
      }
      counts[i]++;
    }
    next += period;
    dds_time_t now = dds_time();
    if (next > now) {
      dds_sleepfor(next - now);
    } else if (now - next > DDS_SECS(1)) {
      next = now; /* fell far behind (machine overloaded): do not burst to catch up */
    }
  }
  for (int i = 0; i < topics; i++) {
    printf("published %s %llu\n", argv[4 + i], counts[i]);
  }
  dds_delete(participant);
  return 0;
}
