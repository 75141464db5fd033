package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.Ros2Distro;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a {@code --distro} option value: a {@link Ros2Distro}'s configuration name. */
final class Distros {
  /** The accepted names, comma separated. */
  static final String NAMES =
      Arrays.stream(Ros2Distro.values())
          .map(Ros2Distro::configName)
          .collect(Collectors.joining(", "));

  private Distros() {}

  /** The distribution called {@code name} ({@code humble}, ...), if there is one. */
  static Optional<Ros2Distro> parse(String name) {
    for (Ros2Distro d : Ros2Distro.values()) {
      if (d.configName().equals(name.strip())) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
