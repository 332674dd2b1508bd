package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/**
 * The head of a rule or rule type: {@code name(p1, …)}. Parameters are terms; {@link Term.Typed} is
 * allowed here.
 *
 * @param name the predicate name
 * @param params the parameters
 * @param span where the head starts
 */
public record Head(String name, List<Term> params, SourceSpan span) implements Node {
  /** Creates a head. */
  public Head {
    requireNonNull(name, "name");
    params = List.copyOf(params);
    requireNonNull(span, "span");
  }

  /**
   * Returns the number of parameters.
   *
   * @return the arity
   */
  public int arity() {
    return params.size();
  }
}
