package dev.osoj.cli.serve;

import dev.osoj.Oso;

/**
 * The engine behind {@code oso serve}: an {@link Oso} plus the few operations the Dev Server offers
 * that the {@link Oso} interface does not.
 */
interface ServeBackend extends AutoCloseable {
  /**
   * Returns the engine answering questions and storing facts.
   *
   * @return the engine
   */
  Oso oso();

  /**
   * Replaces the policy; on failure the previous one stays.
   *
   * @param src the Polar source
   * @throws dev.osoj.PolicyException if the policy does not load or its tests fail
   */
  void policy(String src);

  /**
   * Returns an engine sharing the policy and stored facts but using other local-authorization
   * bindings, for the {@code *_query} endpoints.
   *
   * @param dataBindings the YAML text sent by the client
   * @return the engine
   * @throws UnsupportedOperationException if this backend cannot do local authorization
   */
  Oso withBindings(String dataBindings);

  /** Deletes every stored fact (the Dev Server's {@code POST /api/clear_data}). */
  void clearData();

  /**
   * Counts the stored facts.
   *
   * @return {@code num_roles} (has_role facts), {@code num_relations} (has_relation facts) and
   *     {@code num_facts} (all)
   */
  Stats stats();

  @Override
  void close();

  /**
   * Fact counts of {@code GET /api/stats}.
   *
   * @param roles stored {@code has_role} facts
   * @param relations stored {@code has_relation} facts
   * @param facts all stored facts
   */
  record Stats(long roles, long relations, long facts) {}
}
