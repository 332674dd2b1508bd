package dev.osoj;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, composable question: a conjunction of predicate calls over values and {@link
 * TypedVar}s. Every method returns a new builder.
 *
 * <pre>{@code
 * TypedVar repo = new TypedVar("Repository");
 * TypedVar action = new TypedVar("String");
 * Map<String, List<String>> byRepo = oso.buildQuery("allow", alice, action, repo)
 *     .evaluate(EvaluateArgs.map(repo, EvaluateArgs.values(action)));
 * }</pre>
 */
public final class QueryBuilder {
  /** How an unbounded answer is shown in evaluated results, as the official clients do. */
  public static final String WILDCARD = "*";

  private static final AtomicLong hiddenCounter = new AtomicLong();

  private final Oso oso;
  private final List<Query.Call> calls;
  private final Map<String, Query.Constraint> constraints;
  private final List<Fact> contextFacts;

  private QueryBuilder(
      Oso oso,
      List<Query.Call> calls,
      Map<String, Query.Constraint> constraints,
      List<Fact> contextFacts) {
    this.oso = oso;
    this.calls = List.copyOf(calls);
    this.constraints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
    this.contextFacts = List.copyOf(contextFacts);
  }

  static QueryBuilder start(Oso oso, String predicate, Object... args) {
    requireNonNull(oso, "oso");
    return new QueryBuilder(oso, List.of(), Map.of(), List.of()).and(predicate, args);
  }

  /**
   * Adds a conjunct.
   *
   * @param predicate the predicate
   * @param args values or typed variables
   * @return a new builder
   */
  public QueryBuilder and(String predicate, Object... args) {
    requireNonNull(predicate, "predicate");
    Map<String, Query.Constraint> newConstraints = new LinkedHashMap<>(constraints);
    List<String> names = new ArrayList<>(args.length);
    for (Object arg : args) {
      names.add(bind(arg, newConstraints));
    }
    List<Query.Call> newCalls = new ArrayList<>(calls);
    newCalls.add(new Query.Call(predicate, names));
    return new QueryBuilder(oso, newCalls, newConstraints, contextFacts);
  }

  /**
   * Restricts a variable to a set of ids.
   *
   * @param var a variable used in the query
   * @param ids the ids it may take
   * @return a new builder
   * @throws IllegalArgumentException if the variable is not used or is already restricted
   */
  public QueryBuilder in(TypedVar var, Collection<String> ids) {
    Query.Constraint current = constraints.get(var.name());
    if (current == null) {
      throw new IllegalArgumentException("variable '" + var + "' is not used in the query");
    }
    if (current.ids() != null) {
      throw new IllegalArgumentException("variable '" + var + "' already has ids");
    }
    Map<String, Query.Constraint> newConstraints = new LinkedHashMap<>(constraints);
    newConstraints.put(var.name(), new Query.Constraint(var.type(), List.copyOf(ids)));
    return new QueryBuilder(oso, calls, newConstraints, contextFacts);
  }

  /**
   * Adds facts visible to this query only.
   *
   * @param facts the context facts
   * @return a new builder
   */
  public QueryBuilder withContextFacts(List<Fact> facts) {
    List<Fact> all = new ArrayList<>(contextFacts);
    all.addAll(facts);
    return new QueryBuilder(oso, calls, constraints, all);
  }

  /**
   * Returns the query this builder describes.
   *
   * @return the query
   */
  public Query toQuery() {
    return new Query(calls, constraints, contextFacts);
  }

  /**
   * Answers the query in the requested shape.
   *
   * @param args the shape
   * @param <T> the result type
   * @return the result
   */
  public <T> T evaluate(EvaluateArgs<T> args) {
    requireNonNull(args, "args");
    checkUsed(args);
    List<Map<String, @Nullable String>> rows = oso.evaluateQuery(toQuery());
    return shape(args, rows);
  }

  /**
   * Returns whether the query has any answer.
   *
   * @return true if it has one
   */
  public boolean evaluate() {
    return evaluate(EvaluateArgs.exists());
  }

  /**
   * Returns a SQL {@code SELECT} with one column per mapped variable (Oso Cloud's local select).
   *
   * @param columnsToVars output column name to variable
   * @return SQL text
   */
  public String evaluateLocalSelect(Map<String, TypedVar> columnsToVars) {
    Map<String, String> byName = new LinkedHashMap<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (Map.Entry<String, TypedVar> e : columnsToVars.entrySet()) {
      checkUsed(e.getValue());
      if (!seen.add(e.getValue().name())) {
        throw new IllegalArgumentException(
            "variable '" + e.getValue() + "' is mapped to more than one column");
      }
      byName.put(e.getKey(), e.getValue().name());
    }
    return oso.evaluateQueryLocalSelect(toQuery(), byName);
  }

  /**
   * Returns a SQL {@code SELECT} yielding one row with a boolean column {@code result}.
   *
   * @return SQL text
   */
  public String evaluateLocalSelect() {
    return oso.evaluateQueryLocalSelect(toQuery(), Map.of());
  }

  /**
   * Returns a SQL predicate restricting a column to the values of a variable.
   *
   * @param column the column, such as {@code repos.id}
   * @param var the variable
   * @return SQL text
   */
  public String evaluateLocalFilter(String column, TypedVar var) {
    checkUsed(var);
    return oso.evaluateQueryLocalFilter(toQuery(), column, var.name());
  }

  private static String bind(Object arg, Map<String, Query.Constraint> constraints) {
    requireNonNull(arg, "query argument");
    if (arg instanceof TypedVar) {
      TypedVar var = (TypedVar) arg;
      Query.Constraint old = constraints.get(var.name());
      if (old != null && !old.type().equals(var.type())) {
        throw new IllegalArgumentException(
            "variable '"
                + var.name()
                + "' used with types '"
                + old.type()
                + "' and '"
                + var.type()
                + "'");
      }
      constraints.putIfAbsent(var.name(), new Query.Constraint(var.type(), null));
      return var.name();
    }
    Value value = toValue(arg);
    String name = "_value_" + Long.toString(hiddenCounter.incrementAndGet(), 36);
    constraints.put(name, new Query.Constraint(value.type(), List.of(value.id())));
    return name;
  }

  private static Value toValue(Object arg) {
    if (arg instanceof Value) {
      return (Value) arg;
    } else if (arg instanceof String) {
      return Value.of((String) arg);
    } else if (arg instanceof Boolean) {
      return Value.of((Boolean) arg);
    } else if (arg instanceof Long || arg instanceof Integer) {
      return Value.of(((Number) arg).longValue());
    }
    throw new IllegalArgumentException(
        "query argument of type '" + arg.getClass().getName() + "' is not a Value or TypedVar");
  }

  private void checkUsed(EvaluateArgs<?> args) {
    if (args instanceof EvaluateArgs.Values) {
      checkUsed(((EvaluateArgs.Values) args).var());
    } else if (args instanceof EvaluateArgs.Tuples) {
      ((EvaluateArgs.Tuples) args).vars().forEach(this::checkUsed);
    } else if (args instanceof EvaluateArgs.GroupBy) {
      checkUsed(((EvaluateArgs.GroupBy<?>) args).key());
      checkUsed(((EvaluateArgs.GroupBy<?>) args).sub());
    }
  }

  private void checkUsed(TypedVar var) {
    if (!constraints.containsKey(var.name())) {
      throw new IllegalArgumentException("variable '" + var + "' is not used in the query");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T shape(EvaluateArgs<T> args, List<Map<String, @Nullable String>> rows) {
    if (args instanceof EvaluateArgs.Exists) {
      return (T) Boolean.valueOf(!rows.isEmpty());
    } else if (args instanceof EvaluateArgs.Values) {
      String name = ((EvaluateArgs.Values) args).var().name();
      LinkedHashSet<String> values = new LinkedHashSet<>();
      rows.forEach(row -> values.add(cell(row, name)));
      return (T) List.copyOf(values);
    } else if (args instanceof EvaluateArgs.Tuples) {
      List<TypedVar> vars = ((EvaluateArgs.Tuples) args).vars();
      LinkedHashSet<List<String>> tuples = new LinkedHashSet<>();
      for (Map<String, @Nullable String> row : rows) {
        List<String> tuple = new ArrayList<>(vars.size());
        vars.forEach(v -> tuple.add(cell(row, v.name())));
        tuples.add(List.copyOf(tuple));
      }
      return (T) List.copyOf(tuples);
    } else if (args instanceof EvaluateArgs.GroupBy) {
      return (T) group((EvaluateArgs.GroupBy<?>) args, rows);
    }
    throw new AssertionError("unknown evaluate shape " + args);
  }

  private static <V> Map<String, V> group(
      EvaluateArgs.GroupBy<V> args, List<Map<String, @Nullable String>> rows) {
    Map<String, List<Map<String, @Nullable String>>> groups = new LinkedHashMap<>();
    for (Map<String, @Nullable String> row : rows) {
      groups.computeIfAbsent(cell(row, args.key().name()), k -> new ArrayList<>()).add(row);
    }
    Map<String, V> result = new LinkedHashMap<>();
    groups.forEach((key, group) -> result.put(key, shape(args.sub(), group)));
    return java.util.Collections.unmodifiableMap(result);
  }

  private static String cell(Map<String, @Nullable String> row, String name) {
    String value = row.get(name);
    return value == null ? WILDCARD : value;
  }
}
