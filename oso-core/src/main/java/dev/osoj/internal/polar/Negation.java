package dev.osoj.internal.polar;

/**
 * Which negations the loader accepts (polar.md §3.5 and §10 item 2, [choice]).
 *
 * <p>Oso Cloud documents only the strict form; the newest grammar also parses negated compound
 * conditions, and the documentation advertises "has every required role" patterns that need them.
 * The strict form is the default so that a policy accepted here is accepted by Oso Cloud too; the
 * extended form is opt-in.
 */
public enum Negation {
  /**
   * {@code not} applies to one call of a predicate that no rule with a body defines (a stored
   * fact); {@code InvalidNegation} otherwise. The default.
   */
  STRICT,
  /**
   * Any stratified negation: {@code not} may apply to a derived predicate, to a conjunction or
   * disjunction, to a comparison or to another negation, as long as no predicate depends on its own
   * negation through recursion ({@code InvalidNegation} naming the cycle otherwise). A negated
   * compound condition is compiled into an auxiliary rule named {@code not#N} (a name no policy can
   * write) whose parameters are the variables the condition shares with the rest of the rule;
   * variables that occur only inside the condition are quantified inside it.
   */
  EXTENDED
}
