package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The items of one policy file, in source order. A policy is the concatenation of the items of all
 * its files; order carries no meaning.
 *
 * @param file the file name used in spans
 * @param items the top-level items
 */
public record PolicyFile(String file, List<Item> items) {
  /** Creates a policy file. */
  public PolicyFile {
    requireNonNull(file, "file");
    items = List.copyOf(items);
  }
}
