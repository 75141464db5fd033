package io.edgegateway.testkit.dds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainIdLeasesTest {
  @TempDir Path locks;

  @Test
  void aKeyKeepsItsIdAndEveryKeyGetsAnIdOfItsOwn() {
    DomainIdLeases leases = new DomainIdLeases(locks, 10, 14);

    List<Integer> ids = List.of(leases.lease("A#0"), leases.lease("A#1"), leases.lease("B#0"));

    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isBetween(10, 14));
    assertThat(List.of(leases.lease("A#0"), leases.lease("A#1"), leases.lease("B#0")))
        .isEqualTo(ids);
  }

  @Test
  void failsNamingTheRangeOnceEveryIdIsHeld() {
    DomainIdLeases leases = new DomainIdLeases(locks, 10, 11);
    int a = leases.lease("a");
    leases.lease("b");

    assertThatThrownBy(() -> leases.lease("c"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "No free DDS domain id for c: all of 10..11 are held by this JVM (2) or other running"
                + " JVMs (lock files in "
                + locks
                + ")");
    assertThat(leases.lease("a")).isEqualTo(a);
  }

  @Test
  void leasesOnTheSameDirectoryInOneJvmSkipEachOthersIds() {
    DomainIdLeases one = new DomainIdLeases(locks, 10, 11);
    DomainIdLeases other = new DomainIdLeases(locks, 10, 11);

    int first = one.lease("x");
    int second = other.lease("x");

    assertThat(List.of(first, second)).containsExactlyInAnyOrder(10, 11);
    assertThatThrownBy(() -> other.lease("y")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSecondJvmNeverGetsAHeldIdAndAKilledJvmsIdsComeFree() throws Exception {
    DomainIdLeases leases = new DomainIdLeases(locks, 20, 23);
    List<Integer> mine = List.of(leases.lease("parent#0"), leases.lease("parent#1"));
    List<Integer> theirs;

    try (LeaseHolderProcess child =
        LeaseHolderProcess.startHolding(locks.toString(), "20", "23", "3")) {
      theirs = child.ids();

      assertThat(theirs).as("%s", child.output()).hasSize(2).doesNotContainAnyElementsOf(mine);
      List<Integer> all = new ArrayList<>(mine);
      all.addAll(theirs);
      assertThat(all).containsExactlyInAnyOrder(20, 21, 22, 23);
      assertThat(child.exhausted())
          .as("%s", child.output())
          .singleElement()
          .asString()
          .startsWith("No free DDS domain id for child#2: all of 20..23 are held");
      assertThat(List.of(leases.lease("parent#0"), leases.lease("parent#1"))).isEqualTo(mine);
      assertThatThrownBy(() -> leases.lease("parent#2")).isInstanceOf(IllegalStateException.class);
    }

    assertThat(leases.lease("parent#2")).isIn(theirs);
  }
}
