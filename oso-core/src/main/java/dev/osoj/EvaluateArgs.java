package dev.osoj;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What {@link QueryBuilder#evaluate} should return, in the shapes of the official Oso clients.
 * Unbounded answers (a rule that holds for every value of a type) come back as {@code "*"}.
 *
 * @param <T> the result type
 */
public sealed interface EvaluateArgs<T> {
  /**
   * Asks whether the query has any answer.
   *
   * @return the shape yielding a {@code Boolean}
   */
  static EvaluateArgs<Boolean> exists() {
    return new Exists();
  }

  /**
   * Asks for the distinct values of one variable, in first-seen order.
   *
   * @param var the variable
   * @return the shape yielding a list of ids
   */
  static EvaluateArgs<List<String>> values(TypedVar var) {
    return new Values(var);
  }

  /**
   * Asks for the distinct combinations of several variables.
   *
   * @param vars the variables, in the order of each tuple
   * @return the shape yielding a list of id tuples
   */
  static EvaluateArgs<List<List<String>>> tuples(TypedVar... vars) {
    return new Tuples(List.of(vars));
  }

  /**
   * Groups answers by one variable and evaluates a nested shape per group.
   *
   * @param key the grouping variable
   * @param sub the shape of each group's value
   * @param <V> the group value type
   * @return the shape yielding a map from id to group value
   */
  static <V> EvaluateArgs<Map<String, V>> map(TypedVar key, EvaluateArgs<V> sub) {
    return new GroupBy<>(key, sub);
  }

  /** Yields whether any answer exists. */
  record Exists() implements EvaluateArgs<Boolean> {}

  /**
   * Yields the values of one variable.
   *
   * @param var the variable
   */
  record Values(TypedVar var) implements EvaluateArgs<List<String>> {
    /** Creates the shape. */
    public Values {
      requireNonNull(var, "var");
    }
  }

  /**
   * Yields tuples of several variables.
   *
   * @param vars the variables
   */
  record Tuples(List<TypedVar> vars) implements EvaluateArgs<List<List<String>>> {
    /** Creates the shape. */
    public Tuples {
      vars = List.copyOf(vars);
    }
  }

  /**
   * Yields a map grouped by one variable.
   *
   * @param key the grouping variable
   * @param sub the nested shape
   * @param <V> the nested result type
   */
  record GroupBy<V>(TypedVar key, EvaluateArgs<V> sub) implements EvaluateArgs<Map<String, V>> {
    /** Creates the shape. */
    public GroupBy {
      requireNonNull(key, "key");
      requireNonNull(sub, "sub");
    }
  }
}
