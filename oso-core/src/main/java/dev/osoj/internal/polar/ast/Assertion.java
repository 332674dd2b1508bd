package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import org.jspecify.annotations.Nullable;

/**
 * {@code assert call [iff cond];} or {@code assert_not call [iff cond];}.
 *
 * @param negated true for {@code assert_not}
 * @param call the asserted call; its arguments are ground terms, variables, {@code _} or typed
 *     variables
 * @param iff the {@code iff} condition, or null when absent
 * @param span where the {@code assert}/{@code assert_not} keyword is
 */
public record Assertion(boolean negated, Call call, @Nullable Expr iff, SourceSpan span)
    implements Node {
  /** Creates an assertion. */
  public Assertion {
    requireNonNull(call, "call");
    requireNonNull(span, "span");
  }
}
