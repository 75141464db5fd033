/*
 * eg-discover: reports the DDS writers (publications) of one domain, for edge-gateway's topic
 * discovery. It joins the domain as a Cyclone DDS participant and reads the builtin topic
 * DCPSPublication, which every DDS implementation feeds through standard SEDP.
 *
 * usage:  eg-discover <domain-id>
 * stdout: one line per event, fields separated by one TAB (tabs and newlines inside names become '?'):
 *           ready
 *           +  <writer-guid> <participant-guid> <dds-topic> <dds-type> <type-hash>   a writer appeared
 *              (<type-hash>: the RIHS01_<hex> a ROS 2 Iron+ writer announces in its USER_DATA as
 *              "typehash=RIHS01_...;", empty when it announces none)
 *           -  <writer-guid>                                            a writer left or was disposed
 * exit:   0 when the parent process is gone, 1 on a DDS error, 64 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dds/dds.h"

#define MAX_SAMPLES 64

static void put_guid(const dds_guid_t *guid)
{
  for (size_t i = 0; i < sizeof(guid->v); i++) {
    printf("%02x", guid->v[i]);
  }
}

static void put_name(const char *s)
{
  for (; s != NULL && *s; s++) {
    putchar(*s == '\t' || *s == '\n' || *s == '\r' ? '?' : *s);
  }
}

/* The value of "typehash=" in the writer's USER_DATA ("k=v;" pairs, as rmw writes them). */
static void put_type_hash(const dds_qos_t *qos)
{
  void *value = NULL;
  size_t size = 0;
  if (qos == NULL || !dds_qget_userdata(qos, &value, &size) || value == NULL) {
    return;
  }
  const char *text = value;
  const char *key = "typehash=";
  const size_t klen = strlen(key);
  for (size_t i = 0; i + klen <= size; i++) {
    if ((i == 0 || text[i - 1] == ';') && strncmp(text + i, key, klen) == 0) {
      for (size_t j = i + klen; j < size && text[j] != ';' && text[j] != '\0'; j++) {
        const char c = text[j];
        const int ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        putchar(ok ? c : '?');
      }
      break;
    }
  }
  dds_free(value);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s <domain-id>\n", argv[0]);
    return 64;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  const pid_t parent = getppid();
  const dds_domainid_t domain = (dds_domainid_t) atoi(argv[1]);
  dds_entity_t participant = dds_create_participant(domain, NULL, NULL);
  if (participant < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(-participant));
    return 1;
  }
  dds_entity_t reader = dds_create_reader(participant, DDS_BUILTIN_TOPIC_DCPSPUBLICATION, NULL, NULL);
  if (reader < 0) {
    fprintf(stderr, "dds_create_reader(DCPSPublication): %s\n", dds_strretcode(-reader));
    dds_delete(participant);
    return 1;
  }
  dds_entity_t waitset = dds_create_waitset(participant);
  dds_entity_t readable = dds_create_readcondition(reader, DDS_ANY_STATE);
  if (waitset < 0 || readable < 0 || dds_waitset_attach(waitset, readable, 0) < 0) {
    fprintf(stderr, "cannot create the waitset\n");
    dds_delete(participant);
    return 1;
  }
  dds_guid_t own;
  dds_get_guid(participant, &own);
  printf("ready\n");

  void *samples[MAX_SAMPLES] = {NULL};
  dds_sample_info_t infos[MAX_SAMPLES];
  while (getppid() == parent) {
    dds_waitset_wait(waitset, NULL, 0, DDS_MSECS(250));
    dds_return_t n;
    while ((n = dds_take(reader, samples, infos, MAX_SAMPLES, MAX_SAMPLES)) > 0) {
      for (dds_return_t i = 0; i < n; i++) {
        const dds_builtintopic_endpoint_t *w = samples[i];
        if (memcmp(w->participant_key.v, own.v, 12) == 0) {
          continue; /* our own participant has no writers, but be safe */
        }
        if (infos[i].valid_data && infos[i].instance_state == DDS_ALIVE_INSTANCE_STATE) {
          printf("+\t");
          put_guid(&w->key);
          putchar('\t');
          put_guid(&w->participant_key);
          putchar('\t');
          put_name(w->topic_name);
          putchar('\t');
          put_name(w->type_name);
          putchar('\t');
          put_type_hash(w->qos);
          putchar('\n');
        } else if (infos[i].instance_state != DDS_ALIVE_INSTANCE_STATE) {
          printf("-\t");
          put_guid(&w->key);
          putchar('\n');
        }
      }
      dds_return_loan(reader, samples, n);
    }
    if (n < 0) {
      fprintf(stderr, "dds_take: %s\n", dds_strretcode(-n));
      dds_delete(participant);
      return 1;
    }
  }
  dds_delete(participant);
  return 0;
}
