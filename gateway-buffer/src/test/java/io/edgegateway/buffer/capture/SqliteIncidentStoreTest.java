package io.edgegateway.buffer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.CaptureWindow;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentState;
import io.edgegateway.core.capture.IncidentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite incident store: headers, sealing, survival across reopen, samples in order. */
class SqliteIncidentStoreTest {
  @TempDir Path dir;

  private static Envelope sample(String topic, long seq, long receiveNs) {
    return new Envelope(topic, "t/msg/T", receiveNs - 1, receiveNs, seq, new byte[] {(byte) seq});
  }

  @Test
  void aSealedIncidentSurvivesReopenWithItsSamplesInReceiveOrder() throws IOException {
    Incident open =
        Incident.recording("i1", "fall", "status >= 2", new CaptureWindow(10, 100), Set.of());
    try (SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      store.save(open);
      assertThat(store.recording()).containsExactly(open);
      Incident sealed =
          store.seal(
              open,
              sink -> {
                for (int i = 1; i <= 50; i++) {
                  sink.accept(sample("/b", i, 10 + 2L * i));
                }
                for (int i = 1; i <= 30; i++) {
                  sink.accept(sample("/a", i, 11 + 3L * i));
                }
                return 110;
              },
              "");
      assertThat(sealed.state()).isEqualTo(IncidentState.SEALED);
      assertThat(sealed.counts()).isEqualTo(Map.of("/a", 30L, "/b", 50L));
      assertThat(sealed.complete()).isTrue();
    }
    try (SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      Incident found = store.find("i1").orElseThrow();
      assertThat(found.state()).isEqualTo(IncidentState.SEALED);
      assertThat(found.counts()).isEqualTo(Map.of("/a", 30L, "/b", 50L));
      assertThat(found.triggers()).containsExactly("fall");
      assertThat(store.recording()).isEmpty();
      List<Envelope> samples = new ArrayList<>();
      try (IncidentStore.SampleCursor cursor = store.samples("i1")) {
        cursor.forEachRemaining(samples::add);
      }
      assertThat(samples).hasSize(80);
      assertThat(samples)
          .isSortedAccordingTo((x, y) -> Long.compare(x.receiveStampNs(), y.receiveStampNs()));
      Envelope first = samples.get(0);
      assertThat(first.topic()).isEqualTo("/b");
      assertThat(first.seq()).isEqualTo(1);
      assertThat(first.sourceStampNs()).isEqualTo(11);
      assertThat(first.payload()).containsExactly(1);
      assertThat(first.type()).isEqualTo("t/msg/T");
    }
  }

  @Test
  void aRecordingIncidentSurvivesReopenAndListsNewestFirst() {
    try (SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      store.save(Incident.recording("old", "manual", "r", new CaptureWindow(0, 1), Set.of("/a")));
      store.save(Incident.recording("new", "fall", "r", new CaptureWindow(5, 9), Set.of()));
      Incident merged =
          new Incident(
              "old",
              List.of("manual", "fall"),
              "r",
              IncidentState.RECORDING,
              0,
              7,
              Set.of("/a", "/b"),
              Map.of(),
              false,
              "a gap");
      store.save(merged);
    }
    try (SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      assertThat(store.list(10)).extracting(Incident::id).containsExactly("new", "old");
      assertThat(store.recording()).extracting(Incident::id).containsExactly("old", "new");
      assertThat(store.find("old"))
          .hasValue(
              new Incident(
                  "old",
                  List.of("manual", "fall"),
                  "r",
                  IncidentState.RECORDING,
                  0,
                  7,
                  Set.of("/a", "/b"),
                  Map.of(),
                  false,
                  "a gap"));
      assertThat(store.find("nope")).isEmpty();
      assertThatThrownBy(() -> store.samples("nope")).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void aSealThatCannotReadItsSourceLeavesTheIncidentRecording() throws IOException {
    Incident open = Incident.recording("i1", "fall", "r", new CaptureWindow(0, 9), Set.of("/a"));
    try (SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      store.save(open);
      assertThatThrownBy(
              () ->
                  store.seal(
                      open,
                      sink -> {
                        sink.accept(sample("/a", 1, 1));
                        throw new IOException("disk gone");
                      },
                      ""))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("disk gone");
      assertThat(store.find("i1").orElseThrow().state()).isEqualTo(IncidentState.RECORDING);
      try (IncidentStore.SampleCursor cursor = store.samples("i1")) {
        assertThat(cursor.hasNext()).isFalse();
      }
      Incident sealed =
          store.seal(
              open,
              sink -> {
                sink.accept(sample("/a", 1, 1));
                sink.accept(sample("/other", 1, 1));
                return 1;
              },
              "samples after 5 missing");
      assertThat(sealed.counts()).isEqualTo(Map.of("/a", 1L));
      assertThat(sealed.complete()).isFalse();
      assertThat(sealed.note()).isEqualTo("samples after 5 missing");
    }
  }
}
