package io.ormcalc.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Programs some tests drive (a browser, kubectl), found on the {@code PATH} as a shell would. */
public final class Tools {

  private Tools() {}

  /** The first of {@code names} that is an executable file in a directory of the PATH. */
  public static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String directory : path.split(File.pathSeparator)) {
        if (directory.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Like {@link #onPath}, for a program a test cannot do without. */
  public static Path require(String... names) {
    return onPath(names)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "none of " + String.join(", ", names) + " is on the PATH"));
  }

  /** Whether this run is CI's ({@code CI=true}), where nothing may be skipped for a tool. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
