package io.edgegateway.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicMatcherTest {
  @ParameterizedTest
  @CsvSource({
    "/joint_states, /joint_states, true",
    "/joint_states, /joint_states2, false",
    "/imu/*, /imu/torso, true",
    "/imu/*, /imu/, true",
    "/imu/*, /imu/torso/raw, false",
    "/imu/*, /imux/torso, false",
    "/camera/*/compressed, /camera/head/compressed, true",
    "/camera/*/compressed, /camera/head/raw/compressed, false",
    "/camera/**, /camera/head/raw/compressed, true",
    "/camera/**, /camera, false",
    "/a/**/b, /a/b, true",
    "/a/**/b, /a/x/y/b, true",
    "/a/**/b, /a/xb, false",
    "/ft/?_wrist, /ft/l_wrist, true",
    "/ft/?_wrist, /ft/left_wrist, false",
    "/ft/?, /ft//, false",
    "re:^/ft/.*, /ft/left_ankle, true",
    "re:/ft/(left|right)_wrist, /ft/left_wrist, true",
    "re:/ft/(left|right)_wrist, /ft/left_wrist/raw, false",
    "re:/ft, /robot/ft, false"
  })
  void matchesAsDocumented(String pattern, String topic, boolean matches) {
    assertThat(TopicMatcher.parse(pattern).matches(topic)).isEqualTo(matches);
  }

  @Test
  void toStringIsTheConfigText() {
    for (String text : new String[] {"/joint_states", "/imu/*", "/a/**/b", "re:^/ft/.*"}) {
      assertThat(TopicMatcher.parse(text)).hasToString(text);
    }
  }

  @Test
  void onlyPlainNamesAreExact() {
    assertThat(TopicMatcher.parse("/joint_states").isExact()).isTrue();
    assertThat(TopicMatcher.parse("/imu/*").isExact()).isFalse();
    assertThat(TopicMatcher.parse("re:/joint_states").isExact()).isFalse();
  }

  @Test
  void equalTextMeansEqualMatchers() {
    assertThat(TopicMatcher.parse("/imu/*")).isEqualTo(TopicMatcher.parse("/imu/*"));
    assertThat(TopicMatcher.parse("re:/a")).isEqualTo(TopicMatcher.parse("re:/a"));
    assertThat(TopicMatcher.parse("/a")).isEqualTo(TopicMatcher.parse("/a"));
    assertThat(TopicMatcher.parse("/a")).isNotEqualTo(TopicMatcher.parse("re:/a"));
  }

  @Test
  void regexSpecialCharactersInGlobsAreLiteral() {
    assertThat(Globs.toRegex("/a/*")).isEqualTo("/a/[^/]*");
    assertThat(TopicMatcher.parse("/a_b/*").matches("/a_b/c")).isTrue();
  }

  @Test
  void rejectsInvalidPatterns() {
    assertThatThrownBy(() -> TopicMatcher.parse("joint_states"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected an absolute topic name (/joint_states), a glob (/camera/*/compressed) or a"
                + " regex (re:^/ft/.*), got 'joint_states'");
    assertThatThrownBy(() -> TopicMatcher.parse("/a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicMatcher.parse("/1abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicMatcher.parse("re:")).hasMessage("empty regex after 're:'");
    assertThatThrownBy(() -> TopicMatcher.parse("re:[a"))
        .hasMessage("invalid regex '[a': Unclosed character class near index 1");
    assertThatThrownBy(() -> TopicMatcher.parse("re:^/ft/.*\\"))
        .hasMessageStartingWith("invalid regex '^/ft/.*\\': a trailing '\\' escapes nothing");
  }

  @Test
  void topicNamesFollowRos2Rules() {
    assertThat(TopicMatcher.isTopicName("/robot/joint_commands")).isTrue();
    assertThat(TopicMatcher.isTopicName("/_private")).isTrue();
    assertThat(TopicMatcher.isTopicName("relative")).isFalse();
    assertThat(TopicMatcher.isTopicName("/trailing/")).isFalse();
    assertThat(TopicMatcher.isTopicName("/double//slash")).isFalse();
    assertThat(TopicMatcher.isTopicName("/9lives")).isFalse();
  }
}
