/*
 * One-way latency probe on Cyclone DDS (reliable, keep-all, volatile).
 *
 * usage: latency pub <domain> <dds-topic> <hz> <seconds> [payload-bytes] [warmup]
 *        latency sub <domain> <dds-topic> <seconds> [warmup] [trace-file]
 * pub:  waits for a matched reader, then writes <warmup> + <hz> * <seconds> samples at <hz>, each
 *       stamped with CLOCK_MONOTONIC; prints "published=N".
 * sub:  prints "ready" once its reader matched a writer (so a publisher started after that line
 *       is heard from its first sample), then receives until <seconds> + 0.5 s after the first
 *       sample past the warm-up; prints
 *       "n=N lost=L p50_us=.. p99_us=.. p999_us=.. max_us=.." over samples with seq >= <warmup>
 *       (lost = gaps in seq from the first sample received, warm-up included; the missing seqs
 *       go to stderr). With a trace file, writes "seq sent_ns latency_ns" per sample to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dds/dds.h"
#include "Ping.h"

#define MAX_SAMPLES 4000000
#define BATCH 64

static unsigned long long mono_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (unsigned long long) ts.tv_sec * 1000000000ULL + (unsigned long long) ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
  unsigned long long x = *(const unsigned long long *) a, y = *(const unsigned long long *) b;
  return x < y ? -1 : x > y;
}

static dds_qos_t *control_qos(void)
{
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_SECS(10));
  dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
  return qos;
}

static int run_pub(dds_entity_t pp, dds_entity_t topic, double hz, double seconds, int bytes,
                   unsigned long long warmup)
{
  dds_qos_t *qos = control_qos();
  dds_entity_t writer = dds_create_writer(pp, topic, qos, NULL);
  dds_delete_qos(qos);
  if (writer < 0) { fprintf(stderr, "writer: %s\n", dds_strretcode(-writer)); return 1; }
  dds_set_status_mask(writer, DDS_PUBLICATION_MATCHED_STATUS);
  dds_publication_matched_status_t st;
  unsigned long long give_up = mono_ns() + 30000000000ULL;
  do {
    dds_get_publication_matched_status(writer, &st);
    if (st.current_count > 0) break;
    dds_sleepfor(DDS_MSECS(20));
  } while (mono_ns() < give_up);
  if (st.current_count == 0) { fprintf(stderr, "no reader matched\n"); return 2; }
  dds_sleepfor(DDS_MSECS(500)); // let the far side's discovery settle
  trajectory_msgs_msg_dds__JointTrajectory_ s;
  memset(&s, 0, sizeof s);
  int pad = bytes > 32 ? bytes - 32 : 0;
  s.pad._buffer = calloc((size_t) pad + 1, 1);
  s.pad._length = (uint32_t) pad;
  s.pad._maximum = (uint32_t) pad;
  unsigned long long period = (unsigned long long) (1e9 / hz);
  unsigned long long n = warmup + (unsigned long long) (hz * seconds);
  unsigned long long next = mono_ns();
  for (unsigned long long i = 0; i < n; i++) {
    unsigned long long now;
    if ((now = mono_ns()) < next) {
      dds_sleepfor((dds_duration_t) (next - now)); // no spinning: the box has 2 cores
    }
    s.seq = i;
    s.sent_ns = mono_ns();
    dds_return_t rc = dds_write(writer, &s);
    if (rc != DDS_RETCODE_OK) { fprintf(stderr, "write: %s\n", dds_strretcode(-rc)); }
    next += period;
  }
  dds_sleepfor(DDS_SECS(1)); // let reliable retransmits finish
  printf("published=%llu\n", n);
  return 0;
}

static int run_sub(dds_entity_t pp, dds_entity_t topic, double seconds, unsigned long long warmup,
                   const char *trace)
{
  dds_qos_t *qos = control_qos();
  dds_entity_t reader = dds_create_reader(pp, topic, qos, NULL);
  dds_delete_qos(qos);
  if (reader < 0) { fprintf(stderr, "reader: %s\n", dds_strretcode(-reader)); return 1; }
  dds_subscription_matched_status_t st;
  unsigned long long give_up = mono_ns() + 30000000000ULL;
  do {
    dds_get_subscription_matched_status(reader, &st);
    if (st.current_count > 0) break;
    dds_sleepfor(DDS_MSECS(20));
  } while (mono_ns() < give_up);
  if (st.current_count == 0) { fprintf(stderr, "no writer matched\n"); return 2; }
  dds_entity_t ws = dds_create_waitset(pp);
  dds_entity_t rc = dds_create_readcondition(reader, DDS_ANY_STATE);
  dds_waitset_attach(ws, rc, 0);
  printf("ready\n");
  fflush(stdout);
  unsigned long long *lat = malloc(sizeof(unsigned long long) * MAX_SAMPLES);
  unsigned char *seen = calloc(MAX_SAMPLES, 1);
  unsigned long long *sent_at = trace ? calloc(MAX_SAMPLES, sizeof(unsigned long long)) : NULL;
  unsigned long long *lat_at = trace ? calloc(MAX_SAMPLES, sizeof(unsigned long long)) : NULL;
  size_t n = 0, received = 0;
  unsigned long long first_seq = 0, max_seq = 0, end = 0;
  void *samples[BATCH] = {NULL};
  dds_sample_info_t infos[BATCH];
  for (;;) {
    unsigned long long now = mono_ns();
    if (end != 0 && now >= end) break;
    dds_waitset_wait(ws, NULL, 0, DDS_MSECS(100));
    int k = dds_take(reader, samples, infos, BATCH, BATCH);
    unsigned long long t = mono_ns();
    for (int i = 0; i < k; i++) {
      if (!infos[i].valid_data) continue;
      trajectory_msgs_msg_dds__JointTrajectory_ *s = samples[i];
      if (received++ == 0) first_seq = s->seq;
      if (s->seq > max_seq) max_seq = s->seq;
      if (s->seq < MAX_SAMPLES) {
        seen[s->seq] = 1;
        if (trace) { sent_at[s->seq] = s->sent_ns; lat_at[s->seq] = t - s->sent_ns; }
      }
      if (s->seq < warmup) continue;
      if (n == 0) end = t + (unsigned long long) ((seconds + 0.5) * 1e9);
      if (n < MAX_SAMPLES) lat[n++] = t - s->sent_ns;
    }
    if (k > 0) dds_return_loan(reader, samples, k);
  }
  if (n == 0) { printf("n=0 lost=0 p50_us=0 p99_us=0 p999_us=0 max_us=0\n"); return 2; }
  if (trace) {
    FILE *f = fopen(trace, "w");
    for (unsigned long long q = first_seq; f && q <= max_seq && q < MAX_SAMPLES; q++)
      if (seen[q]) fprintf(f, "%llu %llu %llu\n", q, sent_at[q], lat_at[q]);
    if (f) fclose(f);
  }
  unsigned long long expected = max_seq - first_seq + 1;
  if (expected > received) {
    fprintf(stderr, "missing seqs (first 20):");
    for (unsigned long long q = first_seq, shown = 0; q <= max_seq && q < MAX_SAMPLES && shown < 20; q++)
      if (!seen[q]) { fprintf(stderr, " %llu", q); shown++; }
    fprintf(stderr, "\n");
  }
  qsort(lat, n, sizeof lat[0], cmp);
  printf("n=%zu lost=%llu p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f\n", n,
         expected > received ? expected - received : 0, lat[n / 2] / 1e3,
         lat[(size_t) (n * 0.99)] / 1e3, lat[(size_t) (n * 0.999)] / 1e3, lat[n - 1] / 1e3);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc < 5) {
    fprintf(stderr, "usage: %s pub|sub <domain> <dds-topic> ...\n", argv[0]);
    return 64;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  dds_entity_t pp = dds_create_participant((dds_domainid_t) atoi(argv[2]), NULL, NULL);
  if (pp < 0) { fprintf(stderr, "participant: %s\n", dds_strretcode(-pp)); return 1; }
  dds_entity_t topic =
      dds_create_topic(pp, &trajectory_msgs_msg_dds__JointTrajectory__desc, argv[3], NULL, NULL);
  if (topic < 0) { fprintf(stderr, "topic: %s\n", dds_strretcode(-topic)); return 1; }
  int r;
  if (strcmp(argv[1], "pub") == 0 && argc >= 6) {
    r = run_pub(pp, topic, atof(argv[4]), atof(argv[5]), argc > 6 ? atoi(argv[6]) : 300,
                argc > 7 ? strtoull(argv[7], NULL, 10) : 0);
  } else if (strcmp(argv[1], "sub") == 0) {
    r = run_sub(pp, topic, atof(argv[4]), argc > 5 ? strtoull(argv[5], NULL, 10) : 0,
                argc > 6 ? argv[6] : NULL);
  } else {
    fprintf(stderr, "usage: %s pub|sub ...\n", argv[0]);
    r = 64;
  }
  dds_delete(pp);
  return r;
}
