package dev.osoj.spi;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.FactPattern;

/** One write of a batch: an insert or a delete. */
public sealed interface FactChange {
  /**
   * Inserts a fact (a no-op if it is stored already).
   *
   * @param fact the fact
   */
  record Insert(Fact fact) implements FactChange {
    /** Creates the change. */
    public Insert {
      requireNonNull(fact, "fact");
    }
  }

  /**
   * Deletes every fact matching a pattern.
   *
   * @param pattern the pattern
   */
  record Delete(FactPattern pattern) implements FactChange {
    /** Creates the change. */
    public Delete {
      requireNonNull(pattern, "pattern");
    }
  }
}
