package dev.osoj.internal.hibernate;

/** The names of the filter definitions contributed per entity. */
final class FilterNames {
  /** The prefix shared by every filter this integration defines. */
  static final String PREFIX = "oso_";

  /** The name of the parameter of the id-list filter. */
  static final String IDS_PARAMETER = "ids";

  private FilterNames() {}

  /**
   * Returns the name of the filter compiled from the policy for an entity, actor type and action.
   *
   * @param entity the JPA entity name
   * @param actorType the actor type
   * @param action the action
   * @return the filter name
   */
  static String compiled(String entity, String actorType, String action) {
    return PREFIX + clean(entity) + "__" + clean(actorType) + "__" + clean(action);
  }

  /**
   * Returns the name of the filter restricting an entity to a list of ids.
   *
   * @param entity the JPA entity name
   * @return the filter name
   */
  static String ids(String entity) {
    return PREFIX + "ids__" + clean(entity);
  }

  /**
   * Returns the name of the filter hiding every row of an entity.
   *
   * @param entity the JPA entity name
   * @return the filter name
   */
  static String none(String entity) {
    return PREFIX + "none__" + clean(entity);
  }

  private static String clean(String part) {
    StringBuilder b = new StringBuilder(part.length());
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
    }
    return b.toString();
  }
}
