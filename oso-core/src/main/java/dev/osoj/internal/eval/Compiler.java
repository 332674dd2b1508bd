package dev.osoj.internal.eval;

import dev.osoj.EvaluationException;
import dev.osoj.Value;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Turns rules into {@link CRule}s: numbers variables into frame slots, interns constants, resolves
 * each call to the rules that may answer it, marks recursive calls for tabling and computes join
 * orders.
 */
final class Compiler {
  private static final int MAX_PLANNED_ARITY = 6;

  private final java.util.function.Function<PredicateKey, Pred> preds;
  private final Types types;
  private final ToIntFunction<Value> constants;
  private final ToIntFunction<String> typeIds;
  private final ToIntFunction<Integer> typeOfValue;
  private int nextCallId;

  Compiler(
      java.util.function.Function<PredicateKey, Pred> preds,
      Types types,
      ToIntFunction<Value> constants,
      ToIntFunction<String> typeIds,
      ToIntFunction<Integer> typeOfValue,
      int firstCallId) {
    this.preds = preds;
    this.types = types;
    this.constants = constants;
    this.typeIds = typeIds;
    this.typeOfValue = typeOfValue;
    this.nextCallId = firstCallId;
  }

  int nextCallId() {
    return nextCallId;
  }

  /** Compiles one rule's slots, head and body; calls get their candidates later. */
  CRule compile(Rule rule) {
    Map<String, Integer> slots = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] head = new int[rule.arity()];
    int[] headType = new int[rule.arity()];
    for (int i = 0; i < head.length; i++) {
      Param param = rule.head().get(i);
      head[i] = ref(param.term(), slots, names);
      headType[i] = param.type() == null ? -1 : typeIds.applyAsInt(param.type());
    }
    Op[] body = new Op[rule.body().size()];
    for (int i = 0; i < body.length; i++) {
      body[i] = op(rule.body().get(i), slots, names);
    }
    int[] slotType = new int[names.size()];
    Arrays.fill(slotType, -1);
    for (int i = 0; i < head.length; i++) {
      if (head[i] >= 0 && headType[i] >= 0) {
        narrow(slotType, head[i], headType[i]);
      }
    }
    for (Op op : body) {
      if (op instanceof Op.Matches) {
        narrow(slotType, ((Op.Matches) op).slot(), ((Op.Matches) op).type());
      }
    }
    return new CRule(rule, names.size(), head, headType, slotType, body);
  }

  private void narrow(int[] slotType, int slot, int type) {
    if (slotType[slot] < 0 || types.isSub(type, slotType[slot])) {
      slotType[slot] = type;
    }
  }

  private Op op(Literal literal, Map<String, Integer> slots, List<String> names) {
    if (literal instanceof Literal.Call) {
      return call((Literal.Call) literal, false, slots, names);
    } else if (literal instanceof Literal.Not) {
      return call(((Literal.Not) literal).call(), true, slots, names);
    } else if (literal instanceof Literal.Unify) {
      Literal.Unify u = (Literal.Unify) literal;
      return new Op.Unify(ref(u.left(), slots, names), ref(u.right(), slots, names));
    } else if (literal instanceof Literal.Compare) {
      Literal.Compare c = (Literal.Compare) literal;
      return new Op.Compare(c.op(), ref(c.left(), slots, names), ref(c.right(), slots, names));
    } else if (literal instanceof Literal.In) {
      Literal.In in = (Literal.In) literal;
      int[] values = new int[in.values().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = constants.applyAsInt(in.values().get(i).value());
      }
      return new Op.In(ref(in.term(), slots, names), values);
    } else if (literal instanceof Literal.Matches) {
      Literal.Matches m = (Literal.Matches) literal;
      return new Op.Matches(ref(m.var(), slots, names), typeIds.applyAsInt(m.type()), m.exact());
    }
    throw new AssertionError("unknown literal " + literal);
  }

  private Op.Call call(
      Literal.Call call, boolean negated, Map<String, Integer> slots, List<String> names) {
    Pred pred = preds.apply(new PredicateKey(call.predicate(), call.arity()));
    int[] args = new int[call.arity()];
    boolean[] existential = new boolean[args.length];
    for (int i = 0; i < args.length; i++) {
      Term term = call.args().get(i);
      args[i] = ref(term, slots, names);
      existential[i] =
          negated && term instanceof Term.Var && ((Term.Var) term).name().startsWith("_");
    }
    return new Op.Call(pred, args, new CRule[0], false, negated, existential, nextCallId++);
  }

  private int ref(Term term, Map<String, Integer> slots, List<String> names) {
    if (term instanceof Term.Var) {
      String name = ((Term.Var) term).name();
      Integer slot = slots.get(name);
      if (slot == null) {
        slot = names.size();
        names.add(name);
        slots.put(name, slot);
      }
      return slot;
    } else if (term instanceof Term.Const) {
      return Op.constRef(constants.applyAsInt(((Term.Const) term).value()));
    } else if (term instanceof Term.Now) {
      return Op.NOW;
    }
    throw new AssertionError("unknown term " + term);
  }

  /** Fills in each call's candidate rules of one rule (tabling is decided by {@link #link}). */
  void resolve(CRule rule) {
    for (int i = 0; i < rule.body.length; i++) {
      if (rule.body[i] instanceof Op.Call) {
        Op.Call call = (Op.Call) rule.body[i];
        rule.body[i] = call.withCandidates(candidates(rule, call), false);
      }
    }
  }

  private CRule[] candidates(CRule caller, Op.Call call) {
    List<CRule> out = new ArrayList<>();
    for (CRule callee : call.pred().rules) {
      if (compatible(caller, call, callee)) {
        out.add(callee);
      }
    }
    return out.toArray(new CRule[0]);
  }

  private boolean compatible(CRule caller, Op.Call call, CRule callee) {
    for (int i = 0; i < call.args().length; i++) {
      int arg = call.args()[i];
      int argType = staticType(caller, arg);
      int h = callee.head[i];
      if (!Op.isSlot(h) && h != Op.NOW) {
        int headConst = Op.constValue(h);
        if (!Op.isSlot(arg) && arg != Op.NOW && Op.constValue(arg) != headConst) {
          return false;
        }
        if (argType >= 0 && !types.isSub(typeOfValue.applyAsInt(headConst), argType)) {
          return false;
        }
      } else if (callee.headType[i] >= 0 && argType >= 0) {
        boolean isConst = !Op.isSlot(arg);
        if (isConst
            ? !types.isSub(argType, callee.headType[i])
            : !types.overlap(argType, callee.headType[i])) {
          return false;
        }
      }
    }
    return true;
  }

  private int staticType(CRule rule, int ref) {
    if (Op.isSlot(ref)) {
      return rule.slotType[ref];
    }
    return ref == Op.NOW ? types.integer : typeOfValue.applyAsInt(Op.constValue(ref));
  }

  /** Marks recursive calls of a set of rules (their SCCs already computed) as tabled. */
  static void markTabled(List<CRule> rules) {
    for (CRule rule : rules) {
      for (int i = 0; i < rule.body.length; i++) {
        if (rule.body[i] instanceof Op.Call) {
          Op.Call call = (Op.Call) rule.body[i];
          boolean recursive = false;
          for (CRule callee : call.candidates()) {
            recursive |= callee.scc == rule.scc;
          }
          if (recursive && call.negated()) {
            throw new EvaluationException(
                rule.source.span()
                    + ": negation of '"
                    + call.pred()
                    + "' depends on the rule itself; the policy is not stratified");
          }
          rule.body[i] = call.withCandidates(call.candidates(), recursive);
        }
      }
    }
  }

  /** Computes the join orders of a rule for every pattern of bound head positions. */
  static void plan(CRule rule) {
    if (rule.arity > MAX_PLANNED_ARITY) {
      rule.plans = new int[][] {Planner.order(rule, headSlots(rule, 0))};
      return;
    }
    int[][] plans = new int[1 << rule.arity][];
    for (int mask = 0; mask < plans.length; mask++) {
      plans[mask] = Planner.order(rule, headSlots(rule, mask));
    }
    rule.plans = plans;
  }

  private static boolean[] headSlots(CRule rule, int mask) {
    boolean[] bound = new boolean[rule.slots];
    for (int i = 0; i < rule.arity; i++) {
      if ((mask & (1 << i)) != 0 && Op.isSlot(rule.head[i])) {
        bound[rule.head[i]] = true;
      }
    }
    return bound;
  }
}
