package dev.osoj.internal.plan;

import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import java.util.ArrayList;
import java.util.List;

/** Renames a rule's variables apart by appending a suffix. */
final class Renamer {
  private Renamer() {}

  static Rule rename(Rule r, String suffix) {
    List<Param> head = new ArrayList<>();
    for (Param p : r.head()) {
      head.add(new Param(term(p.term(), suffix), p.type()));
    }
    List<Literal> body = new ArrayList<>();
    for (Literal l : r.body()) {
      body.add(literal(l, suffix));
    }
    return new Rule(r.predicate(), head, body, r.span(), r.origin());
  }

  static Term term(Term t, String suffix) {
    return t instanceof Term.Var ? new Term.Var(((Term.Var) t).name() + suffix) : t;
  }

  private static List<Term> terms(List<Term> ts, String suffix) {
    List<Term> out = new ArrayList<>();
    for (Term t : ts) {
      out.add(term(t, suffix));
    }
    return out;
  }

  static Literal literal(Literal l, String suffix) {
    if (l instanceof Literal.Call) {
      Literal.Call c = (Literal.Call) l;
      return new Literal.Call(c.predicate(), terms(c.args(), suffix), c.span());
    }
    if (l instanceof Literal.Not) {
      Literal.Not n = (Literal.Not) l;
      return new Literal.Not((Literal.Call) literal(n.call(), suffix), n.span());
    }
    if (l instanceof Literal.Unify) {
      Literal.Unify u = (Literal.Unify) l;
      return new Literal.Unify(term(u.left(), suffix), term(u.right(), suffix), u.span());
    }
    if (l instanceof Literal.Compare) {
      Literal.Compare c = (Literal.Compare) l;
      return new Literal.Compare(c.op(), term(c.left(), suffix), term(c.right(), suffix), c.span());
    }
    if (l instanceof Literal.In) {
      Literal.In in = (Literal.In) l;
      return new Literal.In(term(in.term(), suffix), in.values(), in.span());
    }
    if (l instanceof Literal.Matches) {
      Literal.Matches m = (Literal.Matches) l;
      return new Literal.Matches((Term.Var) term(m.var(), suffix), m.type(), m.exact(), m.span());
    }
    throw new AssertionError(l);
  }
}
