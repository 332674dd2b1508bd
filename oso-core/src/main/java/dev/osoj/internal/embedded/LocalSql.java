package dev.osoj.internal.embedded;

import dev.osoj.Fact;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.program.Program;
import dev.osoj.sql.AuthorizedFilter;
import java.util.List;
import java.util.Map;

/**
 * Writes SQL for the local-authorization methods of {@link dev.osoj.Oso} ({@code authorizeLocal},
 * {@code listLocal}, {@code actionsLocal}, {@code evaluateQueryLocalSelect/Filter}) and the data
 * filter ({@code listFilter}). {@link EmbeddedOso} validates context facts, then forwards each call
 * with the program in force; without a {@code LocalSql} those methods throw {@link
 * UnsupportedOperationException}.
 *
 * <p>Implementations are thread-safe. Each method mirrors the {@link dev.osoj.Oso} method of the
 * same name, with the program as first argument.
 */
public interface LocalSql {
  /**
   * See {@link dev.osoj.Oso#authorizeLocal}.
   *
   * @param program the policy in force
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @param contextFacts validated context facts
   * @return SQL yielding one row with a boolean column {@code allowed}
   */
  String authorizeLocal(
      Program program, Value actor, String action, Value resource, List<Fact> contextFacts);

  /**
   * See {@link dev.osoj.Oso#listLocal}.
   *
   * @param program the policy in force
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @param column the column to restrict
   * @param contextFacts validated context facts
   * @return a SQL predicate
   */
  String listLocal(
      Program program,
      Value actor,
      String action,
      String resourceType,
      String column,
      List<Fact> contextFacts);

  /**
   * See {@link dev.osoj.Oso#actionsLocal}.
   *
   * @param program the policy in force
   * @param actor the actor
   * @param resource the resource
   * @param contextFacts validated context facts
   * @return SQL yielding one row per action, column {@code actions}
   */
  String actionsLocal(Program program, Value actor, Value resource, List<Fact> contextFacts);

  /**
   * See {@link dev.osoj.Oso#evaluateQueryLocalSelect}.
   *
   * @param program the policy in force
   * @param query the query (context facts validated)
   * @param columnsToVars output column to variable name
   * @return a complete {@code SELECT}
   */
  String evaluateQueryLocalSelect(Program program, Query query, Map<String, String> columnsToVars);

  /**
   * See {@link dev.osoj.Oso#evaluateQueryLocalFilter}.
   *
   * @param program the policy in force
   * @param query the query (context facts validated)
   * @param column the column to restrict
   * @param var the variable name
   * @return a SQL predicate
   */
  String evaluateQueryLocalFilter(Program program, Query query, String column, String var);

  /**
   * See {@link dev.osoj.Oso#listFilter}.
   *
   * @param program the policy in force
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @return the filter
   */
  AuthorizedFilter listFilter(Program program, Value actor, String action, String resourceType);
}
