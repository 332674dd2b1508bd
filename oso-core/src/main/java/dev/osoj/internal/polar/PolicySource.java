package dev.osoj.internal.polar;

import static java.util.Objects.requireNonNull;

/**
 * The text of one policy file.
 *
 * @param file the name used in spans and messages, such as {@code policy.polar}
 * @param text the policy text
 */
public record PolicySource(String file, String text) {
  /** Creates a source. */
  public PolicySource {
    requireNonNull(file, "file");
    requireNonNull(text, "text");
  }
}
