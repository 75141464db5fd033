package io.edgegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built .deb against Debian policy as {@code lintian} checks it: no error and no warning beyond
 * the overrides the package ships ({@code /usr/share/lintian/overrides/edge-gateway}, each with its
 * reason).
 */
class LintianIT {
  @TempDir Path work;

  @Test
  void builtPackageHasNoLintianErrorsOrWarnings() throws Exception {
    BuiltPackage pkg = BuiltPackage.extract(work);
    Commands.Result r =
        Commands.run(
            work,
            List.of(
                "lintian",
                "--fail-on",
                "error,warning",
                "--tag-display-limit",
                "0",
                pkg.deb().toString()));
    assertThat(r.output().lines().filter(l -> l.matches("^[EW]: .*")).toList())
        .as(r.output())
        .isEmpty();
    assertThat(r.exit()).as(r.output()).isZero();
  }
}
