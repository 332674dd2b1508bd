package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/**
 * One conjunct of a rule body. Bodies are conjunctions; the front end turns {@code or} into several
 * rules, drops {@code true} and drops rules containing {@code false}.
 */
public sealed interface Literal {
  /**
   * Returns where the literal was written.
   *
   * @return the span
   */
  SourceSpan span();

  /**
   * A call of a predicate: a lookup of facts and rules with that name and arity.
   *
   * @param predicate the predicate name
   * @param args the arguments
   * @param span where it was written
   */
  record Call(String predicate, List<Term> args, SourceSpan span) implements Literal {
    /** Creates a call. */
    public Call {
      requireNonNull(predicate, "predicate");
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

  /**
   * Negation as failure of one call; variables whose names start with {@code _} are quantified
   * inside the negation, every other variable is bound by a positive call of the same body.
   *
   * @param call the negated call
   * @param span where it was written
   */
  record Not(Call call, SourceSpan span) implements Literal {
    /** Creates a negation. */
    public Not {
      requireNonNull(call, "call");
      requireNonNull(span, "span");
    }
  }

  /**
   * Unification {@code left = right}.
   *
   * @param left the left term
   * @param right the right term
   * @param span where it was written
   */
  record Unify(Term left, Term right, SourceSpan span) implements Literal {
    /** Creates a unification. */
    public Unify {
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      requireNonNull(span, "span");
    }
  }

  /**
   * A comparison of two bound terms.
   *
   * @param op the operator
   * @param left the left term
   * @param right the right term
   * @param span where it was written
   */
  record Compare(Op op, Term left, Term right, SourceSpan span) implements Literal {
    /** Creates a comparison. */
    public Compare {
      requireNonNull(op, "op");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      requireNonNull(span, "span");
    }
  }

  /**
   * Membership {@code term in [c1, …]}; binds the term when it is unbound.
   *
   * @param term the term
   * @param values the list literal's constants
   * @param span where it was written
   */
  record In(Term term, List<Term.Const> values, SourceSpan span) implements Literal {
    /** Creates a membership test. */
    public In {
      requireNonNull(term, "term");
      values = List.copyOf(values);
      requireNonNull(span, "span");
    }
  }

  /**
   * A type test {@code var matches Type} (or {@code matches!} when {@code exact}).
   *
   * @param var the variable tested
   * @param type the type name
   * @param exact true for {@code matches!}: no subtypes
   * @param span where it was written
   */
  record Matches(Term.Var var, String type, boolean exact, SourceSpan span) implements Literal {
    /** Creates a type test. */
    public Matches {
      requireNonNull(var, "var");
      requireNonNull(type, "type");
      requireNonNull(span, "span");
    }
  }

  /** Comparison operators. */
  enum Op {
    /** {@code !=} on any two values. */
    NE("!="),
    /** {@code <} on integers. */
    LT("<"),
    /** {@code <=} on integers. */
    LE("<="),
    /** {@code >} on integers. */
    GT(">"),
    /** {@code >=} on integers. */
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /**
     * Returns the operator as written in Polar.
     *
     * @return the symbol
     */
    public String symbol() {
      return symbol;
    }
  }
}
