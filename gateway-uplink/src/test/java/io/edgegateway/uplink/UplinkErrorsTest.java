package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.port.UplinkException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UplinkErrorsTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new TimeoutException("metadata"), true),
        Arguments.of(new java.util.concurrent.TimeoutException("deadline"), true),
        Arguments.of(new NetworkException("connection reset"), true),
        Arguments.of(new NotLeaderOrFollowerException("moved"), true),
        Arguments.of(new NotEnoughReplicasException("isr"), true),
        Arguments.of(new UnknownTopicOrPartitionException("topic"), true),
        Arguments.of(new BufferExhaustedException("buffer"), true),
        Arguments.of(new InterruptException(new InterruptedException()), true),
        Arguments.of(new RecordTooLargeException("big"), false),
        Arguments.of(new TopicAuthorizationException("acl"), false),
        Arguments.of(new AuthenticationException("sasl"), false),
        Arguments.of(new InvalidTopicException("name"), false),
        Arguments.of(new UnsupportedVersionException("old broker"), false),
        Arguments.of(new ProducerFencedException("zombie"), false),
        Arguments.of(new KafkaException("producer closed"), false),
        Arguments.of(new IllegalStateException("bug"), false));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void classifiesKafkaFailures(Throwable failure, boolean retriable) {
    assertThat(UplinkErrors.retriable(failure)).isEqualTo(retriable);
  }

  @Test
  void fencedIsFoundInTheCauseChain() {
    assertThat(UplinkErrors.isFenced(new KafkaException(new ProducerFencedException("zombie"))))
        .isTrue();
    assertThat(UplinkErrors.isFenced(new InvalidProducerEpochException("epoch"))).isTrue();
    assertThat(UplinkErrors.isFenced(new KafkaException("producer closed"))).isFalse();
    assertThat(UplinkErrors.isFenced(null)).isFalse();
  }

  @Test
  void failureNamesWhatFailedAndIsNeverRetriableOnceClosed() {
    TimeoutException cause = new TimeoutException("metadata");

    UplinkException open = UplinkErrors.failure("no metadata for topic t", cause, false);
    assertThat(open).hasMessage("no metadata for topic t: " + cause).hasCause(cause);
    assertThat(open.retriable()).isTrue();

    UplinkException closed = UplinkErrors.failure("no metadata for topic t", cause, true);
    assertThat(closed).hasMessage("no metadata for topic t: uplink closed").hasCause(cause);
    assertThat(closed.retriable()).isFalse();
  }
}
