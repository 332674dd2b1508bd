package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/**
 * One Horn clause: {@code predicate(head…) if body…}. A rule with an empty body and all-constant
 * head is a policy fact.
 *
 * @param predicate the head predicate name
 * @param head the head parameters
 * @param body the conjuncts, possibly empty
 * @param span where the rule (or, for a rewritten one, the shorthand rule) was written
 * @param origin a short human description, such as {@code "view" if "viewer" in Project}, used in
 *     error messages that name the rule
 */
public record Rule(
    String predicate, List<Param> head, List<Literal> body, SourceSpan span, String origin) {
  /** Creates a rule. */
  public Rule {
    requireNonNull(predicate, "predicate");
    head = List.copyOf(head);
    body = List.copyOf(body);
    requireNonNull(span, "span");
    requireNonNull(origin, "origin");
  }

  /**
   * Returns the number of head arguments.
   *
   * @return the arity
   */
  public int arity() {
    return head.size();
  }
}
