package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/**
 * A call {@code name(a1, …)}: a conjunct of a rule body, a call in a shorthand body, a ground fact
 * in a fixture or setup, or the subject of an assertion. Which terms may appear depends on the
 * place and is enforced by the parser: ground facts hold only literals and entity literals, only
 * assertions may hold {@link Term.Typed}.
 *
 * @param name the predicate name
 * @param args the arguments
 * @param span where the call starts
 */
public record Call(String name, List<Term> args, SourceSpan span)
    implements Expr, ShExpr, SetupItem {
  /** Creates a call. */
  public Call {
    requireNonNull(name, "name");
    args = List.copyOf(args);
    requireNonNull(span, "span");
  }

  /**
   * Returns the number of arguments.
   *
   * @return the arity
   */
  public int arity() {
    return args.size();
  }
}
