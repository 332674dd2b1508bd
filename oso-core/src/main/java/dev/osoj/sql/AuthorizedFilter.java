package dev.osoj.sql;

/**
 * Restricts the rows of one resource type to those an actor may act on.
 *
 * <p>TODO(#4): the data filtering issue defines the plan this filter holds and its renderers.
 */
public interface AuthorizedFilter {
  /** Whether the filter needs a query at all. */
  enum Kind {
    /** Every row qualifies. */
    ALWAYS,
    /** No row qualifies. */
    NEVER,
    /** Rows qualify according to the plan. */
    CONDITIONAL
  }

  /**
   * Returns whether the filter is constant.
   *
   * @return the kind
   */
  Kind kind();
}
