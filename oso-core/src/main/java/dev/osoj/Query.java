package dev.osoj;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A conjunctive question in the shape of Oso Cloud's {@code /evaluate_query}: calls whose arguments
 * are all variables, and for each variable a type and optionally the ids it may take. {@link
 * QueryBuilder} builds these; most code never touches them directly.
 *
 * @param calls the calls, the first being the query's main predicate; never empty
 * @param constraints for each variable named in a call, its type and allowed ids
 * @param contextFacts facts visible to this question only
 */
public record Query(
    List<Call> calls, Map<String, Constraint> constraints, List<Fact> contextFacts) {
  /** Creates a query, checking that every variable of every call is constrained. */
  public Query {
    calls = List.copyOf(calls);
    constraints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
    contextFacts = List.copyOf(contextFacts);
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("query needs at least one call");
    }
    for (Call call : calls) {
      for (String var : call.args()) {
        if (!constraints.containsKey(var)) {
          throw new IllegalArgumentException(
              "query variable '" + var + "' of call '" + call.predicate() + "' has no constraint");
        }
      }
    }
  }

  /**
   * One call of a query.
   *
   * @param predicate the predicate name
   * @param args the variable names, one per argument
   */
  public record Call(String predicate, List<String> args) {
    /** Creates a call. */
    public Call {
      requireNonNull(predicate, "predicate");
      args = List.copyOf(args);
    }
  }

  /**
   * What a query variable may be.
   *
   * @param type the type of its values
   * @param ids the ids it may take, or null for any id
   */
  public record Constraint(String type, @Nullable List<String> ids) {
    /** Creates a constraint, copying the ids. */
    public Constraint {
      requireNonNull(type, "type");
      ids = ids == null ? null : List.copyOf(ids);
    }
  }
}
