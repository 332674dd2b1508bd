package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

/**
 * A predicate identified by name and arity: {@code has_role/2} and {@code has_role/3} differ.
 *
 * @param name the name
 * @param arity the number of arguments
 */
public record PredicateKey(String name, int arity) {
  /** Creates a key. */
  public PredicateKey {
    requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return name + "/" + arity;
  }
}
