package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/**
 * The body of a shorthand rule (§2 {@code sh_expr}). Terms ({@link ShTerm}) stand for a role,
 * permission or relation of the block, or for a {@code role}/{@code permission} variable; {@link
 * Call}s are ordinary fact lookups whose arguments may use {@code actor} and {@code resource}.
 * There is no negation in shorthand bodies.
 */
public sealed interface ShExpr extends Node
    permits ShTerm, ShExpr.On, ShExpr.Global, ShExpr.And, ShExpr.Or, Call {

  /**
   * {@code subject on relation}, e.g. {@code "reader" on "parent"}, {@code role on "folder"},
   * {@code "owner" on resource}.
   *
   * @param subject the role/permission/relation (or variable) looked up on the related resource
   * @param relation the relation (a string) or an identifier such as {@code resource}
   * @param span where the expression starts
   */
  record On(ShTerm subject, ShTerm relation, SourceSpan span) implements ShExpr {
    /** Creates an {@code on} expression. */
    public On {
      requireNonNull(subject, "subject");
      requireNonNull(relation, "relation");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code global term}: a global role or permission.
   *
   * @param term the global role or permission
   * @param span where the expression starts (the {@code global} keyword)
   */
  record Global(ShTerm term, SourceSpan span) implements ShExpr {
    /** Creates a global reference. */
    public Global {
      requireNonNull(term, "term");
      requireNonNull(span, "span");
    }
  }

  /**
   * A conjunction of two or more operands as written; {@code (a and b) and c} stays nested.
   *
   * @param operands at least two operands
   * @param span where the first operand starts
   */
  record And(List<ShExpr> operands, SourceSpan span) implements ShExpr {
    /** Creates a conjunction. */
    public And {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("'and' needs at least two operands");
      }
      requireNonNull(span, "span");
    }
  }

  /**
   * A disjunction of two or more operands as written.
   *
   * @param operands at least two operands
   * @param span where the first operand starts
   */
  record Or(List<ShExpr> operands, SourceSpan span) implements ShExpr {
    /** Creates a disjunction. */
    public Or {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("'or' needs at least two operands");
      }
      requireNonNull(span, "span");
    }
  }
}
