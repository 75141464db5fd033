package io.edgegateway.daemon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
            "io.edgegateway.daemon..",
            "io.edgegateway.testkit..")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    String[][] pairs = {
      {"io.edgegateway.ros2..", "io.edgegateway.buffer..", "io.edgegateway.uplink.."},
      {"io.edgegateway.buffer..", "io.edgegateway.ros2..", "io.edgegateway.uplink.."},
      {"io.edgegateway.uplink..", "io.edgegateway.ros2..", "io.edgegateway.buffer.."},
    };
    for (String[] p : pairs) {
      noClasses()
          .that()
          .resideInAPackage(p[0])
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(p[1], p[2], "io.edgegateway.daemon..")
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
  void nettyIsImportedOnlyByTheHttpPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.edgegateway.daemon.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..")
        .check(classes);
  }
}
