package dev.osoj;

/** Collects the writes of one {@link Oso#batch} call. They are applied in order, all or nothing. */
public interface Transaction {
  /**
   * Adds a fact.
   *
   * @param fact the fact to insert
   */
  void insert(Fact fact);

  /**
   * Removes every stored fact matching a pattern (matching nothing is fine).
   *
   * @param pattern the pattern
   */
  void delete(FactPattern pattern);

  /**
   * Removes one fact.
   *
   * @param fact the fact to delete
   */
  default void delete(Fact fact) {
    delete(FactPattern.of(fact));
  }
}
