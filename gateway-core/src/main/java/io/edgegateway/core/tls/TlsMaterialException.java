package io.edgegateway.core.tls;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** TLS material that cannot be used, and the file that is wrong. */
public final class TlsMaterialException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;

  public TlsMaterialException(Path file, String problem) {
    this(file, problem, null);
  }

  public TlsMaterialException(Path file, String problem, @Nullable Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file that is wrong. */
  public Path file() {
    return file;
  }

  /** {@code <file>: <problem>}, the message. */
  public String describe() {
    return file + ": " + problem;
  }

  /** What is wrong with it, without the file name. */
  public String problem() {
    return problem;
  }
}
