package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.budget.BudgetStatus;
import io.edgegateway.core.budget.ClassWaiting;
import io.edgegateway.core.budget.UplinkClass;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.config.FastPathScheduling;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.Uplink.UplinkState;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link StatusJson}: the {@code /v1/status} document, byte for byte. */
class StatusJsonTest {
  @Test
  void rendersEveryFieldInTheDocumentsOrder() {
    GatewayStatus status =
        new GatewayStatus(
            "hx-1",
            "0f1e",
            12.5,
            new GatewayStatus.BusStatus(true, 7, List.of("/imu", "/cmd", "/found"), "running"),
            new GatewayStatus.QueueStatus(
                new QueueStats(
                    3,
                    4096,
                    1_000,
                    Map.of("telemetry", new QueueStats.StreamStats(3, 4096, 1_000, 41)),
                    Map.of("quota", 2L),
                    1),
                1.25,
                false),
            UplinkState.CONNECTED,
            5,
            new GatewayStatus.FastPathStatus(
                FastPathScheduling.FIFO, 2, List.of(new GatewayStatus.RelayStatus("/cmd", 10, 1))),
            new ConfigState(
                GatewayConfig.defaults("hx-1"),
                Optional.of(Path.of("/etc/edge-gateway/gateway.yaml")),
                3,
                "ab12",
                new ConfigState.ReloadOutcome(
                    false, Optional.of("needs a restart: http.bind"), 1_700_000_000_000L, 3)),
            List.of(),
            Optional.empty(),
            new ClockStatus("chronyd", true, 250_000_000, 1_500_000, 1, -2_000_000_000L),
            BudgetStatus.unlimited());

    assertThat(StatusJson.of(status).toPrettyString() + "\n")
        .isEqualTo(
            """
            {
              "robot_id" : "hx-1",
              "instance_id" : "0f1e",
              "uptime_seconds" : 12.5,
              "bus" : {
                "joined" : true,
                "domain_id" : 7,
                "subscriptions" : [ "/imu", "/cmd", "/found" ],
                "discovery" : "running"
              },
              "queue" : {
                "batches" : 3,
                "bytes" : 4096,
                "oldest_age_seconds" : 1.25,
                "streams" : {
                  "telemetry" : {
                    "batches" : 3,
                    "bytes" : 4096,
                    "last_batch_seq" : 41
                  }
                },
                "evicted_batches" : {
                  "quota" : 2
                },
                "quarantined_files" : 1,
                "disk_full" : false
              },
              "uplink" : {
                "state" : "connected",
                "budget" : {
                  "limited" : false,
                  "max_bytes_per_s" : 0,
                  "burst_bytes" : 0,
                  "available_bytes" : 0,
                  "rate_bytes_per_s" : 0,
                  "sent_bytes" : 0,
                  "daily" : {
                    "cap_bytes" : null,
                    "used_bytes" : 0,
                    "resets_at" : null
                  },
                  "waiting" : {
                    "incidents" : {
                      "batches" : 0,
                      "bytes" : 0,
                      "oldest_age_seconds" : 0.0
                    },
                    "live" : {
                      "batches" : 0,
                      "bytes" : 0,
                      "oldest_age_seconds" : 0.0
                    },
                    "backlog" : {
                      "batches" : 0,
                      "bytes" : 0,
                      "oldest_age_seconds" : 0.0
                    }
                  }
                }
              },
              "intake_depth" : 5,
              "fast_path" : {
                "scheduling" : "fifo",
                "threads" : 2,
                "relays" : [ {
                  "topic" : "/cmd",
                  "relayed" : 10,
                  "failed" : 1
                } ]
              },
              "clock" : {
                "synchronized" : true,
                "max_error_s" : 0.25,
                "est_error_s" : 0.0015,
                "source" : "chronyd",
                "jumps" : 1
              },
              "config" : {
                "generation" : 3,
                "sha256" : "ab12",
                "last_reload" : {
                  "ok" : false,
                  "error" : "needs a restart: http.bind",
                  "at" : "2023-11-14T22:13:20Z"
                }
              },
              "ledger" : [ ]
            }
            """);
  }

  @Test
  void anEmptyQueueHasAnAgeOfZeroPointZero() {
    GatewayStatus status =
        new GatewayStatus(
            "hx-1",
            "0f1e",
            0,
            new GatewayStatus.BusStatus(false, 0, List.of(), "off"),
            new GatewayStatus.QueueStatus(new QueueStats(0, 0, 0, Map.of(), Map.of()), 0, true),
            UplinkState.FENCED,
            0,
            new GatewayStatus.FastPathStatus(FastPathScheduling.NONE, 0, List.of()),
            ConfigState.initial(GatewayConfig.defaults("hx-1"), Optional.empty(), "", 0),
            List.of(),
            Optional.empty(),
            ClockStatus.unknown(),
            BudgetStatus.unlimited());

    var json = StatusJson.of(status);

    assertThat(json.get("queue").get("oldest_age_seconds").toString()).isEqualTo("0.0");
    assertThat(json.get("clock").toString())
        .as("a clock whose state cannot be read")
        .isEqualTo(
            "{\"synchronized\":false,\"max_error_s\":null,\"est_error_s\":null,"
                + "\"source\":\"unknown\",\"jumps\":0}");
    assertThat(json.get("uptime_seconds").toString()).isEqualTo("0.0");
    assertThat(json.get("uplink").get("state").asText()).isEqualTo("fenced");
    assertThat(json.get("fast_path").get("scheduling").asText()).isEqualTo("none");
    assertThat(json.get("bus").get("discovery").asText()).isEqualTo("off");
    assertThat(json.get("config").get("generation").asLong()).isEqualTo(1);
    assertThat(json.get("config").get("last_reload").get("ok").asBoolean()).isTrue();
    assertThat(json.get("config").get("last_reload").get("error").isNull()).isTrue();
  }

  @Test
  void rendersALimitedBudget() {
    Map<UplinkClass, ClassWaiting> waiting = new EnumMap<>(UplinkClass.class);
    waiting.put(UplinkClass.INCIDENTS, new ClassWaiting(1, 500, 0.5));
    waiting.put(UplinkClass.LIVE, new ClassWaiting(2, 2048, 1.5));
    waiting.put(UplinkClass.BACKLOG, new ClassWaiting(40, 163840, 600.0));
    BudgetStatus budget =
        new BudgetStatus(
            true,
            65536,
            262144,
            1000,
            65000.4,
            9_000_000,
            OptionalLong.of(4_000_000_000L),
            9_000_000,
            1_700_006_400_000L,
            waiting);
    ObjectNode node = JsonNodeFactory.instance.objectNode();

    BudgetJson.write(node, budget);

    assertThat(node.toString())
        .isEqualTo(
            "{\"limited\":true,\"max_bytes_per_s\":65536,\"burst_bytes\":262144,"
                + "\"available_bytes\":1000,\"rate_bytes_per_s\":65000,\"sent_bytes\":9000000,"
                + "\"daily\":{\"cap_bytes\":4000000000,\"used_bytes\":9000000,"
                + "\"resets_at\":\"2023-11-15T00:00:00Z\"},"
                + "\"waiting\":{\"incidents\":{\"batches\":1,\"bytes\":500,\"oldest_age_seconds\":0.5},"
                + "\"live\":{\"batches\":2,\"bytes\":2048,\"oldest_age_seconds\":1.5},"
                + "\"backlog\":{\"batches\":40,\"bytes\":163840,\"oldest_age_seconds\":600.0}}}");
  }
}
