package io.edgegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the built .deb holds and declares, read back with {@code dpkg-deb} and {@code dpkg}. */
class PackageContentsIT {
  @TempDir static Path work;
  private static BuiltPackage pkg;

  @BeforeAll
  static void extract() throws Exception {
    pkg = BuiltPackage.extract(work);
  }

  @Test
  void fileNameCarriesAValidDebianVersionAndThisMachinesArchitecture() throws Exception {
    String version = pkg.field("Version");
    String arch = pkg.field("Architecture");
    Commands.check(work, List.of("dpkg", "--validate-version", version));
    assertThat(arch)
        .isEqualTo(Commands.check(work, List.of("dpkg", "--print-architecture")).strip());
    assertThat(pkg.deb().getFileName().toString())
        .isEqualTo("edge-gateway_" + version + "_" + arch + ".deb");
    assertThat(pkg.field("Package")).isEqualTo("edge-gateway");
  }

  @Test
  void dependsOnAJava17RuntimeAndRuntimeLibrariesOnly() throws Exception {
    String depends = pkg.field("Depends");
    List<String> first =
        Arrays.stream(depends.split(",")[0].split("\\|")).map(String::strip).toList();
    assertThat(first).startsWith("openjdk-17-jre-headless").contains("java17-runtime-headless");
    List<String> names =
        Arrays.stream(depends.split("[,|]")).map(d -> d.strip().split("[ (]")[0]).toList();
    assertThat(names).contains("libddsc0debian");
    assertThat(names)
        .noneMatch(n -> n.endsWith("-dev") || n.contains("-jdk"))
        .doesNotContainAnyElementsOf(List.of("gcc", "cc", "clang", "build-essential"));
  }

  @Test
  void configIsTheOnlyConffile() {
    assertThat(pkg.controlMember("conffiles").strip()).isEqualTo("/etc/edge-gateway/gateway.yaml");
  }

  @Test
  void installsTheLauncherJarsHelperUnitAndSysctlFile() throws IOException {
    for (String exe : List.of("/usr/bin/edge-gateway", "/usr/lib/edge-gateway/eg-discover")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pkg.file(exe))))
          .as(exe)
          .isEqualTo("rwxr-xr-x");
    }
    for (String f :
        List.of(
            "/usr/share/edge-gateway/edge-gateway.jar",
            "/etc/edge-gateway/gateway.yaml",
            "/usr/lib/systemd/system/edge-gateway.service",
            "/usr/lib/sysctl.d/60-edge-gateway.conf",
            "/usr/share/doc/edge-gateway/copyright")) {
      assertThat(pkg.file(f)).as(f).isRegularFile();
    }
    assertThat(Files.readString(pkg.file("/usr/bin/edge-gateway")))
        .contains("exec \"$java\"")
        .contains("-Dedge-gateway.discover.helper=")
        .contains("-Duser.home=");
  }

  @Test
  void everyJarOnTheDaemonsManifestClassPathIsInstalled() throws IOException {
    Path share = pkg.file("/usr/share/edge-gateway");
    String classPath;
    try (JarFile jar = new JarFile(share.resolve("edge-gateway.jar").toFile())) {
      classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
    }
    List<String> entries = Arrays.asList(classPath.strip().split("\\s+"));
    assertThat(entries).hasSizeGreaterThan(10).allMatch(e -> e.startsWith("lib/"));
    assertThat(entries).allSatisfy(e -> assertThat(share.resolve(e)).isRegularFile());
  }

  @Test
  void packagedConfigPassesValidate() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Commands.Result r =
        Commands.run(
            work,
            List.of(
                java.toString(),
                "-jar",
                pkg.file("/usr/share/edge-gateway/edge-gateway.jar").toString(),
                "validate",
                "--config",
                pkg.file("/etc/edge-gateway/gateway.yaml").toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(Files.readString(pkg.file("/etc/edge-gateway/gateway.yaml")))
        .contains("data_dir: /var/lib/edge-gateway");
  }

  @Test
  void discoveryHelperLinksOnlyAgainstRuntimeLibraries() throws Exception {
    String helper = pkg.file("/usr/lib/edge-gateway/eg-discover").toString();
    String ldd = Commands.check(work, List.of("ldd", helper));
    assertThat(ldd).doesNotContain("not found").contains("libddsc.so.0debian => /");
    String owner = Commands.check(work, List.of("dpkg", "-S", "libddsc.so.0debian"));
    assertThat(owner).startsWith("libddsc0debian:");
  }

  @Test
  void maintainerScriptsParseAsPosixShell() throws Exception {
    for (String script : List.of("postinst", "prerm", "postrm")) {
      Path file = pkg.control().resolve(script);
      assertThat(Files.isExecutable(file)).as(script).isTrue();
      Commands.Result r = Commands.run(work, List.of("dash", "-n", file.toString()));
      assertThat(r.exit()).as(script + ": " + r.output()).isZero();
    }
  }

  @Test
  void sysctlFileNamesRealKernelSettings() throws IOException {
    List<String> settings =
        Files.readAllLines(pkg.file("/usr/lib/sysctl.d/60-edge-gateway.conf")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();
    assertThat(settings).anyMatch(l -> l.startsWith("net.core.rmem_max = "));
    for (String line : settings) {
      String key = line.substring(0, line.indexOf('=')).strip();
      assertThat(Path.of("/proc/sys", key.replace('.', '/'))).as(key).exists();
      assertThat(line.substring(line.indexOf('=') + 1).strip()).as(key).matches("\\d+");
    }
  }
}
