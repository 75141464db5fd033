package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionTest {
  @Test
  void codePointPositionsCountLinesAndColumnsFromOne() {
    String text = "a: 1\nb: x\n";
    assertThat(Position.ofCodePoint(text, 0)).isEqualTo(new Position(1, 1));
    assertThat(Position.ofCodePoint(text, 3)).isEqualTo(new Position(1, 4));
    assertThat(Position.ofCodePoint(text, 5)).isEqualTo(new Position(2, 1));
    assertThat(Position.ofCodePoint(text, 8)).isEqualTo(new Position(2, 4));
  }

  @Test
  void aSupplementaryCharacterIsOneColumn() {
    assertThat(Position.ofCodePoint("\uD83D\uDE00x!", 2)).isEqualTo(new Position(1, 3));
  }

  @Test
  void describesItselfAsMessagesDo() {
    assertThat(new Position(12, 7).describe()).isEqualTo("line 12, column 7");
  }
}
