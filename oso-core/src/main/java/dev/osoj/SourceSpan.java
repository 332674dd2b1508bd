package dev.osoj;

import static java.util.Objects.requireNonNull;

/**
 * A place in policy source text: file name, 1-based line and 1-based column.
 *
 * @param file the file name as given when loading (for a string policy, {@code policy.polar})
 * @param line the line, starting at 1
 * @param column the column, starting at 1, counted in characters
 */
public record SourceSpan(String file, int line, int column) {
  /** A span for things that have no source text, such as rules the loader generates. */
  public static final SourceSpan NONE = new SourceSpan("<generated>", 0, 0);

  /** Creates a span. */
  public SourceSpan {
    requireNonNull(file, "file");
  }

  /** Returns the compiler-style location {@code file:line:col}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
