package io.edgegateway.daemon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.edgegateway.layeringfixture.TwoAdapterWirer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering and the one-home-per-heavy-library rule, checked on the compiled classes of
 * every module (this module's test classpath sees them all).
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.edgegateway");
  }

  @Test
  void coreDependsOnNoAdapter() {
    noClasses()
        .that()
        .resideInAPackage("io.edgegateway.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.edgegateway.ros2..",
            "io.edgegateway.buffer..",
            "io.edgegateway.uplink..",
            "io.edgegateway.mcap..",
            "io.edgegateway.daemon..",
            "io.edgegateway.testkit..")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    List<String> adapters =
        List.of(
            "io.edgegateway.ros2..",
            "io.edgegateway.buffer..",
            "io.edgegateway.uplink..",
            "io.edgegateway.mcap..");
    for (String adapter : adapters) {
      List<String> others = new ArrayList<>(adapters);
      others.remove(adapter);
      others.add("io.edgegateway.daemon..");
      noClasses()
          .that()
          .resideInAPackage(adapter)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others.toArray(String[]::new))
          .check(classes);
    }
  }

  @Test
  void fastDdsIsImportedOnlyByTheRos2Bridge() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.edgegateway.ros2..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("us.ihmc..")
        .check(classes);
  }

  @Test
  void sqliteIsImportedOnlyByTheBuffer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.edgegateway.buffer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sqlite..")
        .check(classes);
  }

  @Test
  void kafkaClientIsImportedOnlyByTheUplinkAndTheTestkitBroker() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.edgegateway.uplink..", "io.edgegateway.testkit.kafka..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "kafka..")
        .check(classes);
  }

  @Test
  void zstdIsImportedOnlyByTheBatchCodecAndTheMcapWriter() {
    // two formats that each own their compression: the Kafka batch (core.codec), MCAP chunks (mcap)
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.edgegateway.core.codec..", "io.edgegateway.mcap..", "io.edgegateway.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.luben.zstd..")
        .check(classes);
  }

  @Test
  void nettyIsImportedOnlyByTheHttpPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.edgegateway.daemon.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..")
        .check(classes);
  }

  @Test
  void jnaIsImportedOnlyByTheSystemdAndHostPackages() {
    // sd_notify's datagram socket (systemd) and adjtimex (host): libc calls the JDK lacks.
    noClasses()
        .that()
        .resideOutsideOfPackages("io.edgegateway.daemon.systemd..", "io.edgegateway.daemon.host..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.sun.jna..")
        .check(classes);
  }

  /** The adapter modules' root packages: wiring two of them together is the daemon's job. */
  private static final List<String> ADAPTERS =
      List.of(
          "io.edgegateway.ros2",
          "io.edgegateway.buffer",
          "io.edgegateway.uplink",
          "io.edgegateway.mcap");

  private static final ArchRule ONLY_THE_DAEMON_WIRES_ADAPTERS =
      classes()
          .that()
          .resideOutsideOfPackage("io.edgegateway.daemon..")
          .should(useAtMostOneAdapter())
          .because("the daemon's composition root is the one place that connects adapters");

  @Test
  void onlyTheDaemonWiresAdaptersTogether() {
    ONLY_THE_DAEMON_WIRES_ADAPTERS.check(classes);
  }

  @Test
  void adapterWiringRuleRejectsAClassOutsideTheDaemonThatUsesTwoAdapters() {
    JavaClasses wirer = new ClassFileImporter().importClasses(TwoAdapterWirer.class);
    assertThat(ONLY_THE_DAEMON_WIRES_ADAPTERS.evaluate(wirer).getFailureReport().getDetails())
        .singleElement(STRING)
        .contains("TwoAdapterWirer uses adapters [io.edgegateway.buffer, io.edgegateway.uplink]");
  }

  private static ArchCondition<JavaClass> useAtMostOneAdapter() {
    return new ArchCondition<>("depend on classes of at most one adapter module") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        Set<String> used = new TreeSet<>();
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getPackageName();
          for (String adapter : ADAPTERS) {
            if (target.equals(adapter) || target.startsWith(adapter + ".")) {
              used.add(adapter);
            }
          }
        }
        boolean ok = used.size() <= 1;
        String message = item.getName() + " uses adapters " + used;
        events.add(new SimpleConditionEvent(item, ok, message));
      }
    };
  }
}
