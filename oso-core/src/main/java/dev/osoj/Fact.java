package dev.osoj;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A ground fact: a predicate name applied to values, such as {@code has_role(User:alice,
 * String:admin, Org:acme)}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param predicate the predicate name, never empty
 * @param args the arguments, possibly empty
 */
public record Fact(String predicate, List<Value> args) {
  /**
   * Creates a fact, copying the arguments.
   *
   * @throws IllegalArgumentException if the predicate is empty
   */
  public Fact {
    requireNonNull(predicate, "predicate");
    if (predicate.isEmpty()) {
      throw new IllegalArgumentException("fact predicate must not be empty");
    }
    args = List.copyOf(args);
  }

  /**
   * Returns a fact from a predicate and its arguments.
   *
   * @param predicate the predicate name
   * @param args the arguments
   * @return the fact
   */
  public static Fact of(String predicate, Value... args) {
    return new Fact(predicate, List.of(args));
  }

  /**
   * Returns the number of arguments.
   *
   * @return the arity
   */
  public int arity() {
    return args.size();
  }

  /** Returns the fact in Polar-like notation, {@code pred(Type:id, …)}. */
  @Override
  public String toString() {
    return args.stream()
        .map(Value::toString)
        .collect(Collectors.joining(", ", predicate + "(", ")"));
  }
}
