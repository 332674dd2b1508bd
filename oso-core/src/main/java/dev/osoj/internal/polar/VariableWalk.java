package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.Expr;
import dev.osoj.internal.polar.ast.Head;
import dev.osoj.internal.polar.ast.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects the named variables of syntax-tree rules with every place they occur. */
final class VariableWalk {
  private VariableWalk() {}

  static void head(Head head, Map<String, List<SourceSpan>> into) {
    head.params().forEach(p -> term(p, into));
  }

  static void call(Call call, Map<String, List<SourceSpan>> into) {
    call.args().forEach(a -> term(a, into));
  }

  static void term(Term term, Map<String, List<SourceSpan>> into) {
    if (term instanceof Term.Var) {
      into.computeIfAbsent(((Term.Var) term).name(), k -> new ArrayList<>()).add(term.span());
    } else if (term instanceof Term.Typed && !((Term.Typed) term).isAnonymous()) {
      into.computeIfAbsent(((Term.Typed) term).name(), k -> new ArrayList<>()).add(term.span());
    }
  }

  static void expr(Expr expr, Map<String, List<SourceSpan>> into) {
    if (expr instanceof Call) {
      call((Call) expr, into);
    } else if (expr instanceof Expr.And) {
      ((Expr.And) expr).operands().forEach(e -> expr(e, into));
    } else if (expr instanceof Expr.Or) {
      ((Expr.Or) expr).operands().forEach(e -> expr(e, into));
    } else if (expr instanceof Expr.Not) {
      expr(((Expr.Not) expr).operand(), into);
    } else if (expr instanceof Expr.Unify) {
      term(((Expr.Unify) expr).left(), into);
      term(((Expr.Unify) expr).right(), into);
    } else if (expr instanceof Expr.Compare) {
      term(((Expr.Compare) expr).left(), into);
      term(((Expr.Compare) expr).right(), into);
    } else if (expr instanceof Expr.In) {
      term(((Expr.In) expr).element(), into);
      ((Expr.In) expr).list().forEach(t -> term(t, into));
    } else if (expr instanceof Expr.Matches) {
      term(((Expr.Matches) expr).var(), into);
    } else if (!(expr instanceof Expr.BoolConst)) {
      throw new AssertionError("unknown expression " + expr);
    }
  }
}
