package dev.osoj.internal.eval;

import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.Relation;
import dev.osoj.internal.store.ValueTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The unfolded form of {@code allow(actor, action, resource)} for one action and one pair of types
 * (built by {@link Unfolder}): branches tried in order, each a conjunction of stored-fact lookups
 * and tests run as an index nested-loop join straight over the relations' arrays, stopping at the
 * first branch that succeeds. Variables live in one int array per question: slot 0 is the actor,
 * slot 1 the resource.
 *
 * <p>Each branch is an int program: {@code LOOKUP relation arity allBound (mode value)*} with mode
 * {@link #CONST} (a stored value id), {@link #BOUND} (a slot bound earlier) or {@link #FREE} (a
 * slot this lookup binds); {@code TYPE slot type exact}; {@code IN slot n values…}.
 *
 * <p>Immutable; thread-safe. Callers hold the database's read lock.
 */
final class FastPlan {
  static final int LOOKUP = 1;
  static final int TYPE = 2;
  static final int IN = 3;
  static final int CONST = 0;
  static final int BOUND = 1;
  static final int FREE = 2;

  /** A chain longer than this makes a lookup look at its other bound positions' chains. */
  private static final int SHORT_CHAIN = 16;

  private final FactDatabase db;
  private final ValueTable values;
  private final Types types;
  private final int[][] branches;
  private final int slots;

  FastPlan(CompiledProgram program, List<int[]> branches) {
    this.db = program.db;
    this.values = db.values();
    this.types = program.types;
    List<int[]> sorted = new ArrayList<>(branches);
    sorted.sort(java.util.Comparator.comparingInt(FastPlan::cost));
    this.branches = new int[sorted.size()][];
    int max = 2;
    for (int i = 0; i < sorted.size(); i++) {
      int[] code = sorted.get(i);
      max = Math.max(max, code[0]);
      this.branches[i] = java.util.Arrays.copyOfRange(code, 1, code.length);
    }
    this.slots = max;
  }

  /** Returns the number of branches. */
  int branchCount() {
    return branches.length;
  }

  /**
   * Encodes an ordered conjunction; element 0 of the result is the number of slots it uses.
   *
   * @param atoms the conjunction, ordered so that every test and bound argument comes after the
   *     lookup binding it
   * @param slots the number of variables
   * @return the program
   */
  static int[] encode(List<Unfolder.Atom> atoms, int slots) {
    boolean[] bound = new boolean[slots];
    bound[Unfolder.ACTOR] = true;
    bound[Unfolder.RESOURCE] = true;
    IntList code = new IntList();
    code.add(slots);
    for (Unfolder.Atom atom : atoms) {
      if (atom instanceof Unfolder.Lookup) {
        encodeLookup((Unfolder.Lookup) atom, bound, code);
      } else if (atom instanceof Unfolder.Check) {
        Unfolder.Check c = (Unfolder.Check) atom;
        code.add(TYPE);
        code.add(c.term());
        code.add(c.type());
        code.add(c.exact() ? 1 : 0);
      } else if (atom instanceof Unfolder.InSet) {
        Unfolder.InSet in = (Unfolder.InSet) atom;
        code.add(IN);
        code.add(in.term());
        code.add(in.values().length);
        for (int v : in.values()) {
          code.add(v);
        }
      } else {
        throw new AssertionError("unexpected atom " + atom);
      }
    }
    return code.toArray();
  }

  private static void encodeLookup(Unfolder.Lookup l, boolean[] bound, IntList code) {
    code.add(LOOKUP);
    code.add(l.relation());
    code.add(l.args().length);
    boolean all = true;
    for (int arg : l.args()) {
      all &= arg < 0 || bound[arg];
    }
    code.add(all ? 1 : 0);
    for (int arg : l.args()) {
      if (arg < 0) {
        code.add(CONST);
        code.add(Op.constValue(arg));
      } else if (bound[arg]) {
        code.add(BOUND);
        code.add(arg);
      } else {
        code.add(FREE);
        code.add(arg);
        bound[arg] = true;
      }
    }
  }

  /** Orders branches: fewer lookups that bind variables first, then fewer lookups. */
  private static int cost(int[] code) {
    int cost = 0;
    int pc = 1;
    while (pc < code.length) {
      int op = code[pc];
      if (op == LOOKUP) {
        cost += code[pc + 3] == 1 ? 1 : 8;
        pc += 4 + 2 * code[pc + 2];
      } else if (op == TYPE) {
        pc += 4;
      } else {
        pc += 3 + code[pc + 2];
      }
    }
    return cost;
  }

  /**
   * Returns whether some branch holds for stored actor and resource ids.
   *
   * @param actor the actor's value id
   * @param resource the resource's value id
   * @return true if allowed
   */
  boolean holds(int actor, int resource) {
    int[] frame = new int[slots];
    frame[Unfolder.ACTOR] = actor;
    frame[Unfolder.RESOURCE] = resource;
    for (int[] code : branches) {
      if (run(code, 0, frame)) {
        return true;
      }
    }
    return false;
  }

  private boolean run(int[] code, int pc, int[] frame) {
    if (pc == code.length) {
      return true;
    }
    int op = code[pc];
    if (op == LOOKUP) {
      return lookup(code, pc, frame);
    }
    if (op == TYPE) {
      int t = values.typeOf(frame[code[pc + 1]]);
      int want = code[pc + 2];
      boolean ok = code[pc + 3] == 1 ? t == want : types.isSub(t, want);
      return ok && run(code, pc + 4, frame);
    }
    int v = frame[code[pc + 1]];
    int n = code[pc + 2];
    for (int i = 0; i < n; i++) {
      if (code[pc + 3 + i] == v) {
        return run(code, pc + 3 + n, frame);
      }
    }
    return false;
  }

  private boolean lookup(int[] code, int pc, int[] frame) {
    Relation rel = db.relation(code[pc + 1]);
    if (rel.size() == 0) {
      return false;
    }
    int arity = code[pc + 2];
    int next = pc + 4 + 2 * arity;
    int probe = probePosition(rel, code, pc, frame);
    if (probe < 0) {
      return scan(rel, code, pc, frame, next);
    }
    int key = valueAt(code, pc + 4 + 2 * probe, frame);
    if (code[pc + 3] == 1) {
      for (int row = rel.first(probe, key); row >= 0; row = rel.next(probe, row)) {
        if (matches(rel, row, code, pc, frame) && rel.alive(row)) {
          return run(code, next, frame);
        }
      }
      return false;
    }
    for (int row = rel.first(probe, key); row >= 0; row = rel.next(probe, row)) {
      if (matches(rel, row, code, pc, frame) && rel.alive(row) && run(code, next, frame)) {
        return true;
      }
    }
    return false;
  }

  private boolean scan(Relation rel, int[] code, int pc, int[] frame, int next) {
    for (int row = 0, n = rel.rowLimit(); row < n; row++) {
      if (rel.alive(row) && matches(rel, row, code, pc, frame) && run(code, next, frame)) {
        return true;
      }
    }
    return false;
  }

  private static int valueAt(int[] code, int at, int[] frame) {
    return code[at] == CONST ? code[at + 1] : frame[code[at + 1]];
  }

  /**
   * Returns the position whose chain to walk: the first bound variable, or another bound variable
   * with fewer rows when the first one's chain is long; failing that the constant with the fewest
   * rows; -1 when nothing is bound.
   */
  private static int probePosition(Relation rel, int[] code, int pc, int[] frame) {
    int arity = code[pc + 2];
    int best = -1;
    int bestCount = Integer.MAX_VALUE;
    for (int p = 0; p < arity; p++) {
      int at = pc + 4 + 2 * p;
      if (code[at] == BOUND) {
        int count = rel.count(p, frame[code[at + 1]]);
        if (count < bestCount) {
          best = p;
          bestCount = count;
          if (count <= SHORT_CHAIN) {
            return p;
          }
        }
      }
    }
    if (best >= 0) {
      return best;
    }
    for (int p = 0; p < arity; p++) {
      int at = pc + 4 + 2 * p;
      if (code[at] == CONST) {
        int count = rel.count(p, code[at + 1]);
        if (count < bestCount) {
          best = p;
          bestCount = count;
        }
      }
    }
    return best;
  }

  /** Compares a row with the bound arguments and binds the free ones, left to right. */
  private static boolean matches(Relation rel, int row, int[] code, int pc, int[] frame) {
    int arity = code[pc + 2];
    for (int p = 0; p < arity; p++) {
      int at = pc + 4 + 2 * p;
      int v = rel.get(row, p);
      int mode = code[at];
      if (mode == FREE) {
        frame[code[at + 1]] = v;
      } else if (v != (mode == CONST ? code[at + 1] : frame[code[at + 1]])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Describes the branches in order, one per line, for tests and debugging: {@code r3(v0, 'x',
   * +v2)} is a lookup in relation 3 ({@code +} marks a variable it binds), {@code v2<T5} a type
   * test ({@code v2=T5} exact), {@code v2 in ['a']} a membership test. Variable 0 is the actor, 1
   * the resource.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int[] code : branches) {
      describe(code, out);
      out.append('\n');
    }
    return out.toString();
  }

  private void describe(int[] code, StringBuilder out) {
    int pc = 0;
    while (pc < code.length) {
      if (pc > 0) {
        out.append(", ");
      }
      if (code[pc] == LOOKUP) {
        out.append('r').append(code[pc + 1]).append('(');
        for (int p = 0; p < code[pc + 2]; p++) {
          int at = pc + 4 + 2 * p;
          out.append(p > 0 ? ", " : "");
          if (code[at] == CONST) {
            out.append('\'').append(values.idText(code[at + 1])).append('\'');
          } else {
            out.append(code[at] == FREE ? "+v" : "v").append(code[at + 1]);
          }
        }
        out.append(')');
        pc += 4 + 2 * code[pc + 2];
      } else if (code[pc] == TYPE) {
        out.append('v').append(code[pc + 1]).append(code[pc + 3] == 1 ? "=" : "<");
        out.append(types.name(code[pc + 2]));
        pc += 4;
      } else {
        out.append('v').append(code[pc + 1]).append(" in [");
        for (int i = 0; i < code[pc + 2]; i++) {
          out.append(i > 0 ? ", " : "").append('\'').append(values.idText(code[pc + 3 + i]));
          out.append('\'');
        }
        out.append(']');
        pc += 3 + code[pc + 2];
      }
    }
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] data = new int[16];
    private int size;

    void add(int v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
