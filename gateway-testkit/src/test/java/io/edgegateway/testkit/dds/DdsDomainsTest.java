package io.edgegateway.testkit.dds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DdsDomainsTest {

  @Test
  void aClassAndIndexKeepTheirDomainWithinTheJvm() {
    int first = DdsDomains.forTest(DdsDomainsTest.class, 0);
    int second = DdsDomains.forTest(DdsDomainsTest.class, 1);

    assertThat(first).isNotEqualTo(second);
    assertThat(List.of(first, second))
        .allSatisfy(
            id ->
                assertThat(id).isBetween(DdsDomains.FIRST, DdsDomains.FIRST + DdsDomains.COUNT - 1))
        .allSatisfy(id -> assertThat(id).isLessThanOrEqualTo(232));
    assertThat(DdsDomains.forTest(DdsDomainsTest.class, 0)).isEqualTo(first);
    assertThat(DdsDomains.forTest(DdsDomainsTest.class, 1)).isEqualTo(second);
  }

  @Test
  void aConcurrentJvmAskingForTheSameClassAndIndexGetsOtherDomains() throws Exception {
    List<Integer> mine =
        List.of(
            DdsDomains.forTest(DdsDomainsTest.class, 0),
            DdsDomains.forTest(DdsDomainsTest.class, 1));

    try (LeaseHolderProcess child = LeaseHolderProcess.startHolding("forTest", "2")) {
      assertThat(child.ids())
          .as("%s", child.output())
          .hasSize(2)
          .doesNotHaveDuplicates()
          .doesNotContainAnyElementsOf(mine);
    }
    assertThat(DdsDomains.forTest(DdsDomainsTest.class, 0)).isEqualTo(mine.get(0));
  }

  @Test
  void uniqueTopicsAreAbsoluteAndDiffer() {
    String topic = DdsDomains.uniqueTopic("chatter");

    assertThat(topic).matches("/chatter_[0-9a-z]+");
    assertThat(DdsDomains.uniqueTopic("chatter")).isNotEqualTo(topic);
  }
}
