package dev.osoj.internal.eval;

import dev.osoj.internal.program.Literal;

/**
 * A compiled body literal. Terms are encoded as ints ("refs"): a slot of the rule's frame when at
 * least 0, {@link #NOW} for {@code @current_unix_time}, otherwise a constant (see {@link
 * #constRef}): stored value ids map to {@code (LOCAL_REF_BASE, -2]}, question-local ids below.
 */
sealed interface Op permits Op.Call, Op.Unify, Op.Compare, Op.In, Op.Matches {
  /** The ref of {@code @current_unix_time}. */
  int NOW = Integer.MIN_VALUE;

  /** Refs at or below this encode question-local constants. */
  int LOCAL_REF_BASE = -1_100_000_000;

  /** Returns the ref of a constant value id (stored or question-local). */
  static int constRef(int valueId) {
    return valueId >= 0 ? -2 - valueId : LOCAL_REF_BASE + valueId;
  }

  /** Returns the value id of a constant ref. */
  static int constValue(int ref) {
    return ref > LOCAL_REF_BASE ? -2 - ref : ref - LOCAL_REF_BASE;
  }

  /** Returns whether a ref is a slot. */
  static boolean isSlot(int ref) {
    return ref >= 0;
  }

  /** Returns the slots this literal reads or binds. */
  int[] refs();

  /**
   * A call (or, when {@code negated}, a negated call) of a predicate.
   *
   * @param pred the predicate
   * @param args the argument refs
   * @param candidates the rules that may produce answers for this call
   * @param tabled true when the call may reach its own rule again, so needs a table
   * @param negated true for {@code not}
   * @param existential per argument, true for variables quantified inside a negation
   * @param id a number unique within the program, part of table keys
   */
  record Call(
      Pred pred,
      int[] args,
      CRule[] candidates,
      boolean tabled,
      boolean negated,
      boolean[] existential,
      int id)
      implements Op {
    @Override
    public int[] refs() {
      return args;
    }

    Call withCandidates(CRule[] rules, boolean isTabled) {
      return new Call(pred, args, rules, isTabled, negated, existential, id);
    }
  }

  /** {@code left = right}. */
  record Unify(int left, int right) implements Op {
    @Override
    public int[] refs() {
      return new int[] {left, right};
    }
  }

  /** A comparison of two bound values. */
  record Compare(Literal.Op op, int left, int right) implements Op {
    @Override
    public int[] refs() {
      return new int[] {left, right};
    }
  }

  /** {@code term in [values…]}; values are constant value ids. */
  record In(int term, int[] values) implements Op {
    @Override
    public int[] refs() {
      return new int[] {term};
    }
  }

  /** {@code var matches Type}, or {@code matches!} when exact. */
  record Matches(int slot, int type, boolean exact) implements Op {
    @Override
    public int[] refs() {
      return new int[] {slot};
    }
  }
}
