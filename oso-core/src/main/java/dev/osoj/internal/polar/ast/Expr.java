package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/**
 * A rule body, an {@code iff} condition or an inline query (§2 {@code or_expr}). {@code and} and
 * {@code or} chains are n-ary; parentheses leave no node of their own but keep their grouping, so
 * {@code (a and b) and c} is an {@code And} inside an {@code And}.
 */
public sealed interface Expr extends Node
    permits Expr.And,
        Expr.Or,
        Expr.Not,
        Expr.Unify,
        Expr.Compare,
        Expr.In,
        Expr.Matches,
        Expr.BoolConst,
        Call {

  /**
   * A conjunction of two or more operands.
   *
   * @param operands at least two operands
   * @param span where the first operand starts
   */
  record And(List<Expr> operands, SourceSpan span) implements Expr {
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
   * A disjunction of two or more operands.
   *
   * @param operands at least two operands
   * @param span where the first operand starts
   */
  record Or(List<Expr> operands, SourceSpan span) implements Expr {
    /** Creates a disjunction. */
    public Or {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("'or' needs at least two operands");
      }
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code not operand}. The parser accepts any operand; restricting it is the checker's job.
   *
   * @param operand the negated expression
   * @param span where the {@code not} keyword is
   */
  record Not(Expr operand, SourceSpan span) implements Expr {
    /** Creates a negation. */
    public Not {
      requireNonNull(operand, "operand");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code left = right}.
   *
   * @param left the left term
   * @param right the right term
   * @param span where the left term starts
   */
  record Unify(Term left, Term right, SourceSpan span) implements Expr {
    /** Creates a unification. */
    public Unify {
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code left op right} with {@code op} one of {@code < <= > >= !=}.
   *
   * @param op the operator
   * @param left the left term
   * @param right the right term
   * @param span where the left term starts
   */
  record Compare(CompareOp op, Term left, Term right, SourceSpan span) implements Expr {
    /** Creates a comparison. */
    public Compare {
      requireNonNull(op, "op");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code element in [t1, …]}: the right side is always a list literal.
   *
   * @param element the tested term
   * @param list the list literal's elements
   * @param span where the element starts
   */
  record In(Term element, List<Term> list, SourceSpan span) implements Expr {
    /** Creates a membership test. */
    public In {
      requireNonNull(element, "element");
      list = List.copyOf(list);
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code var matches Type}, or {@code var matches! Type} when {@code exact}.
   *
   * @param var the variable tested
   * @param type the type
   * @param exact true for {@code matches!}
   * @param span where the variable starts
   */
  record Matches(Term.Var var, TypeRef type, boolean exact, SourceSpan span) implements Expr {
    /** Creates a type test. */
    public Matches {
      requireNonNull(var, "var");
      requireNonNull(type, "type");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code true} or {@code false} used as a condition.
   *
   * @param value the constant
   * @param span where it was written
   */
  record BoolConst(boolean value, SourceSpan span) implements Expr {
    /** Creates a boolean condition. */
    public BoolConst {
      requireNonNull(span, "span");
    }
  }
}
