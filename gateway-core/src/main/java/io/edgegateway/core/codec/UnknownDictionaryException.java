package io.edgegateway.core.codec;

/**
 * A batch was compressed with a zstd dictionary the reader does not have (yet): fetch it from the
 * dictionary topic (or the robot's {@code <data_dir>/dictionaries}) and decode again.
 */
public final class UnknownDictionaryException extends BatchFormatException {
  private static final long serialVersionUID = 1L;

  private final long dictionaryId;

  public UnknownDictionaryException(long dictionaryId) {
    super("compressed with zstd dictionary " + dictionaryId + ", which is not known here");
    this.dictionaryId = dictionaryId;
  }

  /** The id from the frame header. */
  public long dictionaryId() {
    return dictionaryId;
  }
}
