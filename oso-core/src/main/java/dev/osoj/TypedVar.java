package dev.osoj;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A typed query variable for {@link Oso#buildQuery}: stands for every value of one type that makes
 * the query true.
 *
 * @param type the type of the values the variable ranges over
 * @param name a name unique within one query
 */
public record TypedVar(String type, String name) {
  private static final AtomicLong counter = new AtomicLong();

  /** Creates a variable, checking both parts are non-empty. */
  public TypedVar {
    requireNonNull(type, "type");
    requireNonNull(name, "name");
    if (type.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("typed variable needs a type and a name");
    }
  }

  /**
   * Creates a variable of a type with a fresh generated name.
   *
   * @param type the type
   */
  public TypedVar(String type) {
    this(type, "var_" + Long.toString(counter.incrementAndGet(), 36));
  }

  @Override
  public String toString() {
    return name + ": " + type;
  }
}
