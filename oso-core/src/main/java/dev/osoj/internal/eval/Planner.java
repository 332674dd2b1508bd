package dev.osoj.internal.eval;

/**
 * Orders the literals of a rule body for a set of initially bound slots: greedily, the literal that
 * is cheapest and most selective next. Tests run as soon as their inputs are bound, calls with more
 * bound arguments before calls with fewer, stored-fact lookups before derived ones. Literals that
 * never become ready (a {@code matches} on a variable nothing binds) go last, where the evaluator
 * treats them as producing wildcards.
 */
final class Planner {
  private static final int NOT_READY = Integer.MIN_VALUE;

  private Planner() {}

  static int[] order(CRule rule, boolean[] initiallyBound) {
    boolean[] bound = initiallyBound.clone();
    boolean[] placed = new boolean[rule.body.length];
    int[] order = new int[rule.body.length];
    int n = 0;
    while (n < order.length) {
      int best = -1;
      int bestScore = NOT_READY;
      for (int i = 0; i < rule.body.length; i++) {
        if (!placed[i]) {
          int score = score(rule.body[i], bound);
          if (score > bestScore) {
            best = i;
            bestScore = score;
          }
        }
      }
      if (best < 0) {
        break;
      }
      placed[best] = true;
      order[n++] = best;
      bind(rule.body[best], bound);
    }
    for (int i = 0; i < rule.body.length; i++) {
      if (!placed[i]) {
        order[n++] = i;
      }
    }
    return order;
  }

  private static boolean isBound(int ref, boolean[] bound) {
    return !Op.isSlot(ref) || bound[ref];
  }

  private static int score(Op op, boolean[] bound) {
    if (op instanceof Op.Call) {
      return callScore((Op.Call) op, bound);
    } else if (op instanceof Op.Unify) {
      Op.Unify u = (Op.Unify) op;
      return isBound(u.left(), bound) || isBound(u.right(), bound) ? 90 : NOT_READY;
    } else if (op instanceof Op.Compare) {
      Op.Compare c = (Op.Compare) op;
      return isBound(c.left(), bound) && isBound(c.right(), bound) ? 100 : NOT_READY;
    } else if (op instanceof Op.In) {
      Op.In in = (Op.In) op;
      if (isBound(in.term(), bound)) {
        return 100;
      }
      return in.values().length <= 1 ? 95 : 35;
    } else if (op instanceof Op.Matches) {
      return bound[((Op.Matches) op).slot()] ? 100 : NOT_READY;
    }
    throw new AssertionError("unknown op " + op);
  }

  private static int callScore(Op.Call call, boolean[] bound) {
    int boundArgs = 0;
    for (int i = 0; i < call.args().length; i++) {
      int ref = call.args()[i];
      if (isBound(ref, bound)) {
        boundArgs++;
      } else if (call.negated() && !call.existential()[i]) {
        return NOT_READY;
      }
    }
    if (call.negated()) {
      return 100;
    }
    return 10 + 10 * boundArgs + (call.pred().rules.length == 0 ? 3 : 0);
  }

  private static void bind(Op op, boolean[] bound) {
    if (op instanceof Op.Call && !((Op.Call) op).negated()
        || op instanceof Op.Unify
        || op instanceof Op.In) {
      for (int ref : op.refs()) {
        if (Op.isSlot(ref)) {
          bound[ref] = true;
        }
      }
    }
  }
}
