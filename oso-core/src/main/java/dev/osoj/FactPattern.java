package dev.osoj;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fact with wildcards, used to read ({@code get}) and delete stored facts.
 *
 * @param predicate the predicate name
 * @param args one pattern per argument position
 */
public record FactPattern(String predicate, List<ValuePattern> args) {
  /** Creates a pattern, copying the argument patterns. */
  public FactPattern {
    requireNonNull(predicate, "predicate");
    if (predicate.isEmpty()) {
      throw new IllegalArgumentException("fact pattern predicate must not be empty");
    }
    args = List.copyOf(args);
  }

  /**
   * Returns a pattern from a predicate and argument patterns.
   *
   * @param predicate the predicate name
   * @param args the argument patterns
   * @return the pattern
   */
  public static FactPattern of(String predicate, ValuePattern... args) {
    return new FactPattern(predicate, List.of(args));
  }

  /**
   * Returns the pattern that matches exactly one fact.
   *
   * @param fact the fact
   * @return the pattern
   */
  public static FactPattern of(Fact fact) {
    List<ValuePattern> args = new ArrayList<>(fact.arity());
    for (Value v : fact.args()) {
      args.add(ValuePattern.exact(v));
    }
    return new FactPattern(fact.predicate(), args);
  }

  /**
   * Returns whether a fact matches this pattern: same predicate, same arity, every position
   * matching.
   *
   * @param fact the fact
   * @return true if it matches
   */
  public boolean matches(Fact fact) {
    if (!fact.predicate().equals(predicate) || fact.arity() != args.size()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      if (!args.get(i).matches(fact.args().get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return args.stream()
        .map(ValuePattern::toString)
        .collect(Collectors.joining(", ", predicate + "(", ")"));
  }
}
