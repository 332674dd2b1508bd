package dev.osoj.internal.eval;

import dev.osoj.internal.program.Rule;

/**
 * A compiled rule: head refs with their parameter types, body ops, and one join order per pattern
 * of bound head positions.
 */
final class CRule {
  final Rule source;
  final int arity;
  final int slots;
  final int[] head;
  final int[] headType;
  final int[] slotType;
  final Op[] body;

  /** A frame with every slot unbound, cloned for each evaluation of the rule. */
  final int[] emptyFrame;

  int[][] plans = new int[0][];
  int scc = -1;

  CRule(Rule source, int slots, int[] head, int[] headType, int[] slotType, Op[] body) {
    this.source = source;
    this.arity = head.length;
    this.slots = slots;
    this.head = head;
    this.headType = headType;
    this.slotType = slotType;
    this.body = body;
    this.emptyFrame = new int[slots];
    java.util.Arrays.fill(emptyFrame, dev.osoj.internal.store.ValueTable.UNBOUND);
  }

  /** Returns the join order for a mask of concretely bound head positions. */
  int[] plan(int mask) {
    return plans.length == 1 ? plans[0] : plans[mask];
  }

  @Override
  public String toString() {
    return source.origin();
  }
}
