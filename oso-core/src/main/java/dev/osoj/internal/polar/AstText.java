package dev.osoj.internal.polar;

import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.Expr;
import dev.osoj.internal.polar.ast.Head;
import dev.osoj.internal.polar.ast.ShExpr;
import dev.osoj.internal.polar.ast.ShTerm;
import dev.osoj.internal.polar.ast.Term;
import dev.osoj.internal.program.ProgramPrinter;
import java.util.List;
import java.util.StringJoiner;

/**
 * Short Polar renderings of syntax-tree pieces for rule origins, assertion texts and messages.
 * Compound operands are parenthesised where precedence needs it.
 */
final class AstText {
  private AstText() {}

  static String term(Term term) {
    if (term instanceof Term.Var) {
      return ((Term.Var) term).name();
    } else if (term instanceof Term.Anon) {
      return "_";
    } else if (term instanceof Term.Str) {
      return ProgramPrinter.quote(((Term.Str) term).value());
    } else if (term instanceof Term.Int) {
      return Long.toString(((Term.Int) term).value());
    } else if (term instanceof Term.Bool) {
      return Boolean.toString(((Term.Bool) term).value());
    } else if (term instanceof Term.Entity) {
      Term.Entity e = (Term.Entity) term;
      return e.type().name() + "{" + ProgramPrinter.quote(e.id()) + "}";
    } else if (term instanceof Term.Now) {
      return "@current_unix_time";
    } else if (term instanceof Term.Typed) {
      Term.Typed t = (Term.Typed) term;
      return t.name() + ": " + t.type().name();
    }
    throw new AssertionError("unknown term " + term);
  }

  static String terms(String name, List<Term> args) {
    StringJoiner out = new StringJoiner(", ", name + "(", ")");
    args.forEach(a -> out.add(term(a)));
    return out.toString();
  }

  static String call(Call call) {
    return terms(call.name(), call.args());
  }

  static String head(Head head) {
    return terms(head.name(), head.params());
  }

  static String expr(Expr expr) {
    if (expr instanceof Call) {
      return call((Call) expr);
    } else if (expr instanceof Expr.And) {
      return join(((Expr.And) expr).operands(), " and ");
    } else if (expr instanceof Expr.Or) {
      return join(((Expr.Or) expr).operands(), " or ");
    } else if (expr instanceof Expr.Not) {
      Expr operand = ((Expr.Not) expr).operand();
      boolean compound = operand instanceof Expr.And || operand instanceof Expr.Or;
      return "not " + (compound ? "(" + expr(operand) + ")" : expr(operand));
    } else if (expr instanceof Expr.Unify) {
      Expr.Unify u = (Expr.Unify) expr;
      return term(u.left()) + " = " + term(u.right());
    } else if (expr instanceof Expr.Compare) {
      Expr.Compare c = (Expr.Compare) expr;
      return term(c.left()) + " " + c.op().symbol() + " " + term(c.right());
    } else if (expr instanceof Expr.In) {
      Expr.In in = (Expr.In) expr;
      StringJoiner list = new StringJoiner(", ", "[", "]");
      in.list().forEach(t -> list.add(term(t)));
      return term(in.element()) + " in " + list;
    } else if (expr instanceof Expr.Matches) {
      Expr.Matches m = (Expr.Matches) expr;
      return term(m.var()) + (m.exact() ? " matches! " : " matches ") + m.type().name();
    } else if (expr instanceof Expr.BoolConst) {
      return Boolean.toString(((Expr.BoolConst) expr).value());
    }
    throw new AssertionError("unknown expression " + expr);
  }

  private static String join(List<Expr> operands, String separator) {
    StringJoiner out = new StringJoiner(separator);
    for (Expr operand : operands) {
      boolean wrap = operand instanceof Expr.And || operand instanceof Expr.Or;
      out.add(wrap ? "(" + expr(operand) + ")" : expr(operand));
    }
    return out.toString();
  }

  static String sh(ShExpr expr) {
    if (expr instanceof ShTerm.Str) {
      return ProgramPrinter.quote(((ShTerm.Str) expr).value());
    } else if (expr instanceof ShTerm.Ident) {
      return ((ShTerm.Ident) expr).name();
    } else if (expr instanceof ShExpr.On) {
      ShExpr.On on = (ShExpr.On) expr;
      return sh(on.subject()) + " on " + sh(on.relation());
    } else if (expr instanceof ShExpr.Global) {
      return "global " + sh(((ShExpr.Global) expr).term());
    } else if (expr instanceof Call) {
      return call((Call) expr);
    } else if (expr instanceof ShExpr.And) {
      return shJoin(((ShExpr.And) expr).operands(), " and ");
    } else if (expr instanceof ShExpr.Or) {
      return shJoin(((ShExpr.Or) expr).operands(), " or ");
    }
    throw new AssertionError("unknown shorthand expression " + expr);
  }

  private static String shJoin(List<ShExpr> operands, String separator) {
    StringJoiner out = new StringJoiner(separator);
    for (ShExpr operand : operands) {
      boolean wrap = operand instanceof ShExpr.And || operand instanceof ShExpr.Or;
      out.add(wrap ? "(" + sh(operand) + ")" : sh(operand));
    }
    return out.toString();
  }
}
