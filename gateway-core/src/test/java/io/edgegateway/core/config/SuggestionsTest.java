package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> KEYS =
      List.of("domain_id", "peers", "topics", "max_rate_hz", "every_nth", "priority");

  @Test
  void suggestsKeysWithinTwoEdits() {
    assertThat(Suggestions.closest("domian_id", KEYS)).contains("domain_id");
    assertThat(Suggestions.closest("peer", KEYS)).contains("peers");
    assertThat(Suggestions.closest("topic", KEYS)).contains("topics");
    assertThat(Suggestions.closest("every-nth", KEYS)).contains("every_nth");
  }

  @Test
  void suggestsCaseInsensitiveMatchesAtAnyDistance() {
    assertThat(Suggestions.closest("DOMAIN_ID", KEYS)).contains("domain_id");
  }

  @Test
  void suggestsByPrefixForLongerNames() {
    assertThat(Suggestions.closest("max_rate", KEYS)).contains("max_rate_hz");
    assertThat(Suggestions.closest("prio", KEYS)).contains("priority");
    assertThat(Suggestions.closest("pri", KEYS)).isEmpty();
  }

  @Test
  void suggestsNothingForUnrelatedNames() {
    assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
    assertThat(Suggestions.closest("", KEYS)).isEmpty();
  }

  @Test
  void distanceIsLevenshteinCappedAtTheLimit() {
    assertThat(Suggestions.distance("kitten", "sitting", 10)).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting", 2)).isEqualTo(2);
    assertThat(Suggestions.distance("", "abc", 10)).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same", 10)).isZero();
  }
}
