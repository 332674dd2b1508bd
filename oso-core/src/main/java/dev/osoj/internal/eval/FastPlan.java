package dev.osoj.internal.eval;

import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.Relation;
import dev.osoj.internal.store.ValueTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The unfolded form of {@code allow(actor, action, resource)} for one action and one pair of types
 * (built by {@link Unfolder}), run as index nested-loop joins straight over the relations' arrays
 * and stopping at the first success. Variables live in one int array per question: slot 0 is the
 * actor, slot 1 the resource.
 *
 * <p>The branches are merged into a tree on their common prefixes, so that a lookup shared by
 * several branches (the resource's organization, say) runs once; siblings are tried cheapest first
 * (fewest lookups that bind variables); sibling leaves that look up the same relation with every
 * argument bound and differ only in one constant (the roles implying a permission) become one
 * lookup with a set of constants there, walking the row chain once.
 *
 * <p>The tree is an int program. {@code OR n pc…} tries alternatives; {@code SUCCEED}; {@code
 * LOOKUP relation arity allBound (mode value)×arity} then its continuation, with mode {@link
 * #CONST} (a stored value id), {@link #BOUND} (a slot bound earlier), {@link #FREE} (a slot this
 * lookup binds), {@link #SAME} (equal to the row's value at an earlier position: a variable this
 * lookup binds twice) or {@link #SET} (an offset into the constant sets); {@code TYPE slot type
 * exact}; {@code IN slot n values…}.
 *
 * <p>Immutable; thread-safe. Callers hold the database's read lock.
 */
final class FastPlan {
  static final int OR = 0;
  static final int LOOKUP = 1;
  static final int TYPE = 2;
  static final int IN = 3;
  static final int SUCCEED = 4;
  static final int CONST = 0;
  static final int BOUND = 1;
  static final int FREE = 2;
  static final int SET = 3;
  static final int SAME = 4;

  /** A chain longer than this makes a lookup look at its other bound positions' chains. */
  private static final int SHORT_CHAIN = 16;

  /**
   * Per-thread variables of the plan being run: a plan never runs another plan, so one array per
   * thread suffices; every slot is written (a parameter or a lookup binding it) before it is read.
   */
  private static final ThreadLocal<int[]> FRAMES = ThreadLocal.withInitial(() -> new int[8]);

  private final FactDatabase db;
  private final ValueTable values;
  private final Types types;
  private final int[] code;
  private final int[] sets;
  private final int slots;
  private final int branches;

  FastPlan(CompiledProgram program, List<List<Unfolder.Atom>> branches) {
    this.db = program.db;
    this.values = db.values();
    this.types = program.types;
    this.branches = branches.size();
    Node root = new Node(null);
    int max = 2;
    for (List<Unfolder.Atom> branch : branches) {
      root.insert(branch, 0);
      max = Math.max(max, slotsOf(branch));
    }
    root.prepare(2);
    Encoder encoder = new Encoder();
    if (root.terminal) {
      encoder.code.add(SUCCEED);
    } else {
      encoder.alternatives(root.children, 2);
    }
    this.code = encoder.code.toArray();
    this.sets = encoder.sets.toArray();
    this.slots = max;
  }

  /** Returns the number of branches before merging. */
  int branchCount() {
    return branches;
  }

  private static int slotsOf(List<Unfolder.Atom> branch) {
    int max = 2;
    for (Unfolder.Atom atom : branch) {
      for (int t : terms(atom)) {
        max = Math.max(max, t + 1);
      }
    }
    return max;
  }

  private static int[] terms(Unfolder.Atom atom) {
    if (atom instanceof Unfolder.Lookup) {
      return ((Unfolder.Lookup) atom).args();
    } else if (atom instanceof Unfolder.Check) {
      return new int[] {((Unfolder.Check) atom).term()};
    } else if (atom instanceof Unfolder.InSet) {
      return new int[] {((Unfolder.InSet) atom).term()};
    } else if (atom instanceof Unfolder.SetLookup) {
      return ((Unfolder.SetLookup) atom).lookup().args();
    }
    throw new AssertionError("unexpected atom " + atom);
  }

  /** A node of the branch tree: an atom and what follows it. */
  private static final class Node {
    final Unfolder.@Nullable Atom atom;
    List<Node> children = new ArrayList<>();
    boolean terminal;
    int cost;

    Node(Unfolder.@Nullable Atom atom) {
      this.atom = atom;
    }

    void insert(List<Unfolder.Atom> branch, int from) {
      if (terminal) {
        return;
      }
      if (from == branch.size()) {
        terminal = true;
        children = new ArrayList<>();
        return;
      }
      String key = Unfolder.describe(branch.get(from));
      for (Node child : children) {
        if (child.atom != null && Unfolder.describe(child.atom).equals(key)) {
          child.insert(branch, from + 1);
          return;
        }
      }
      Node child = new Node(branch.get(from));
      children.add(child);
      child.insert(branch, from + 1);
    }

    /** Computes costs, merges leaf lookups into set lookups and sorts children cheapest first. */
    void prepare(int bound) {
      int inner = bound;
      if (atom != null) {
        inner = Math.max(bound, maxTerm(atom) + 1);
      }
      for (Node child : children) {
        child.prepare(inner);
      }
      children = mergeLeaves(children, inner);
      children.sort(Comparator.comparingInt(n -> n.cost));
      int best = terminal || children.isEmpty() ? 0 : children.get(0).cost;
      cost = (atom == null ? 0 : atomCost(atom, bound)) + best;
    }
  }

  private static int maxTerm(Unfolder.Atom atom) {
    int max = -1;
    for (int t : terms(atom)) {
      max = Math.max(max, t);
    }
    return max;
  }

  private static int atomCost(Unfolder.Atom atom, int bound) {
    if (atom instanceof Unfolder.Lookup || atom instanceof Unfolder.SetLookup) {
      return maxTerm(atom) >= bound ? 8 : 1;
    }
    return 0;
  }

  /** Returns whether a node is a lookup with every argument bound and a constant argument. */
  private static boolean mergeable(Node n, int bound) {
    return n.atom instanceof Unfolder.Lookup
        && maxTerm(n.atom) < bound
        && constantCount((Unfolder.Lookup) n.atom) > 0;
  }

  /**
   * Merges groups of sibling lookups of one relation, every argument bound, that differ in one
   * constant argument and go on identically.
   */
  private static List<Node> mergeLeaves(List<Node> children, int bound) {
    List<Node> out = new ArrayList<>();
    Map<String, List<Node>> groups = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (Node child : children) {
      if (!mergeable(child, bound)) {
        out.add(child);
        continue;
      }
      String key = groupKey((Unfolder.Lookup) child.atom) + shape(child.children, child.terminal);
      if (!groups.containsKey(key)) {
        order.add(key);
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(child);
    }
    for (String key : order) {
      List<Node> group = groups.get(key);
      out.add(group.size() == 1 ? group.get(0) : merged(group));
    }
    return out;
  }

  private static String shape(List<Node> children, boolean terminal) {
    StringBuilder out = new StringBuilder(terminal ? "!" : "{");
    for (Node child : children) {
      out.append(Unfolder.describe(java.util.Objects.requireNonNull(child.atom)));
      out.append(shape(child.children, child.terminal)).append(';');
    }
    return out.append('}').toString();
  }

  private static int constantCount(Unfolder.Lookup l) {
    int n = 0;
    for (int arg : l.args()) {
      n += arg < 0 ? 1 : 0;
    }
    return n;
  }

  /** Groups by relation and the arguments before the first constant that is not the first one's. */
  private static String groupKey(Unfolder.Lookup l) {
    StringBuilder key = new StringBuilder().append(l.relation()).append(':');
    int constants = 0;
    for (int p = 0; p < l.args().length; p++) {
      int arg = l.args()[p];
      // the set position is the first constant position after any bound variable, by convention
      // the role or relation name: every other argument must match exactly
      if (arg < 0 && constants++ == 0) {
        key.append("*@").append(p);
      } else {
        key.append(arg);
      }
      key.append(',');
    }
    return key.toString();
  }

  private static Node merged(List<Node> group) {
    Unfolder.Lookup first = (Unfolder.Lookup) group.get(0).atom;
    int position = 0;
    while (first.args()[position] >= 0) {
      position++;
    }
    int[] constants = new int[group.size()];
    for (int i = 0; i < constants.length; i++) {
      constants[i] = Op.constValue(((Unfolder.Lookup) group.get(i).atom).args()[position]);
    }
    Node node = new Node(new Unfolder.SetLookup(first, position, constants));
    node.terminal = group.get(0).terminal;
    node.children = group.get(0).children;
    node.cost = group.get(0).cost;
    return node;
  }

  /** Writes the tree as an int program. */
  private static final class Encoder {
    final IntList code = new IntList();
    final IntList sets = new IntList();

    void alternatives(List<Node> nodes, int bound) {
      if (nodes.size() == 1) {
        node(nodes.get(0), bound);
        return;
      }
      int at = code.size();
      code.add(OR);
      code.add(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        code.add(0);
      }
      for (int i = 0; i < nodes.size(); i++) {
        code.set(at + 2 + i, code.size());
        node(nodes.get(i), bound);
      }
    }

    void node(Node node, int bound) {
      Unfolder.Atom atom = java.util.Objects.requireNonNull(node.atom);
      int inner = atom(atom, bound);
      if (node.terminal) {
        code.add(SUCCEED);
      } else {
        alternatives(node.children, inner);
      }
    }

    /** Encodes an atom; returns the variable bound after it. */
    int atom(Unfolder.Atom atom, int bound) {
      if (atom instanceof Unfolder.Lookup) {
        return lookup((Unfolder.Lookup) atom, -1, new int[0], bound);
      } else if (atom instanceof Unfolder.SetLookup) {
        Unfolder.SetLookup s = (Unfolder.SetLookup) atom;
        return lookup(s.lookup(), s.position(), s.constants(), bound);
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
      return bound;
    }

    private int lookup(Unfolder.Lookup l, int setPosition, int[] constants, int bound) {
      code.add(LOOKUP);
      code.add(l.relation());
      code.add(l.args().length);
      int inner = Math.max(bound, maxTerm(l) + 1);
      code.add(maxTerm(l) < bound ? 1 : 0);
      int[] firstAt = new int[inner];
      Arrays.fill(firstAt, -1);
      for (int p = 0; p < l.args().length; p++) {
        int arg = l.args()[p];
        if (p == setPosition) {
          code.add(SET);
          code.add(sets.size());
          sets.add(constants.length);
          for (int c : constants) {
            sets.add(c);
          }
        } else if (arg < 0) {
          code.add(CONST);
          code.add(Op.constValue(arg));
        } else if (arg < bound) {
          code.add(BOUND);
          code.add(arg);
        } else if (firstAt[arg] >= 0) {
          code.add(SAME);
          code.add(firstAt[arg]);
        } else {
          code.add(FREE);
          code.add(arg);
          firstAt[arg] = p;
        }
      }
      return inner;
    }
  }

  /**
   * Returns whether {@code allow} holds for stored actor and resource ids.
   *
   * @param actor the actor's value id
   * @param resource the resource's value id
   * @return true if allowed
   */
  boolean holds(int actor, int resource) {
    int[] frame = FRAMES.get();
    if (frame.length < slots) {
      frame = new int[slots];
      FRAMES.set(frame);
    }
    frame[Unfolder.ACTOR] = actor;
    frame[Unfolder.RESOURCE] = resource;
    return run(0, frame);
  }

  private boolean run(int pc, int[] frame) {
    int[] code = this.code;
    switch (code[pc]) {
      case SUCCEED:
        return true;
      case OR:
        for (int i = 0, n = code[pc + 1]; i < n; i++) {
          if (run(code[pc + 2 + i], frame)) {
            return true;
          }
        }
        return false;
      case LOOKUP:
        return lookup(pc, frame);
      case TYPE:
        return typeTest(pc, frame) && run(pc + 4, frame);
      case IN:
        return inTest(pc, frame) && run(pc + 3 + code[pc + 2], frame);
      default:
        throw new AssertionError("bad op " + code[pc]);
    }
  }

  private boolean typeTest(int pc, int[] frame) {
    int t = values.typeOf(frame[code[pc + 1]]);
    int want = code[pc + 2];
    return code[pc + 3] == 1 ? t == want : types.isSub(t, want);
  }

  private boolean inTest(int pc, int[] frame) {
    int v = frame[code[pc + 1]];
    for (int i = pc + 3, end = pc + 3 + code[pc + 2]; i < end; i++) {
      if (code[i] == v) {
        return true;
      }
    }
    return false;
  }

  private boolean lookup(int pc, int[] frame) {
    int[] code = this.code;
    Relation rel = db.relation(code[pc + 1]);
    if (rel.size() == 0) {
      return false;
    }
    int arity = code[pc + 2];
    int next = pc + 4 + 2 * arity;
    long chain = -1;
    int probe = -1;
    for (int p = 0; p < arity; p++) {
      int at = pc + 4 + 2 * p;
      if (code[at] == BOUND) {
        long c = rel.chain(p, frame[code[at + 1]]);
        if (c == 0) {
          return false;
        }
        if (chain < 0 || c < chain) {
          chain = c;
          probe = p;
          if ((c >>> 32) <= SHORT_CHAIN) {
            break;
          }
        }
      }
    }
    if (probe < 0) {
      probe = constantProbe(rel, pc);
      if (probe < 0) {
        return scan(rel, pc, frame, next);
      }
      chain = rel.chain(probe, code[pc + 5 + 2 * probe]);
    }
    return walk(rel, pc, frame, next, probe, chain);
  }

  /** Walks a chain of {@code chain >>> 32} live rows from {@code (int) chain}. */
  private boolean walk(Relation rel, int pc, int[] frame, int next, int probe, long chain) {
    int remaining = (int) (chain >>> 32);
    if (remaining == 0) {
      return false;
    }
    boolean clean = !rel.hasDeleted();
    boolean allBound = code[pc + 3] == 1;
    int row = (int) chain;
    while (true) {
      if (clean || rel.alive(row)) {
        if (matches(rel, row, pc, frame, probe)) {
          if (allBound) {
            return run(next, frame);
          }
          if (run(next, frame)) {
            return true;
          }
        }
        if (--remaining == 0) {
          return false;
        }
      }
      row = rel.next(probe, row);
      if (row < 0) {
        return false;
      }
    }
  }

  private boolean scan(Relation rel, int pc, int[] frame, int next) {
    for (int row = 0, n = rel.rowLimit(); row < n; row++) {
      if (rel.alive(row) && matches(rel, row, pc, frame, -1) && run(next, frame)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the constant position with the fewest rows, or -1 when no argument is constant. */
  private int constantProbe(Relation rel, int pc) {
    int best = -1;
    long bestChain = Long.MAX_VALUE;
    for (int p = 0; p < code[pc + 2]; p++) {
      int at = pc + 4 + 2 * p;
      if (code[at] == CONST) {
        long c = rel.chain(p, code[at + 1]);
        if (c < bestChain) {
          best = p;
          bestChain = c;
        }
      }
    }
    return best;
  }

  /**
   * Compares a row with the bound arguments (skipping the position whose chain is walked, equal by
   * construction), then tests the constant sets and binds the free arguments.
   */
  private boolean matches(Relation rel, int row, int pc, int[] frame, int probe) {
    int[] code = this.code;
    int arity = code[pc + 2];
    for (int p = 0; p < arity; p++) {
      int at = pc + 4 + 2 * p;
      int mode = code[at];
      if (p != probe && mode <= BOUND) {
        int want = mode == CONST ? code[at + 1] : frame[code[at + 1]];
        if (rel.get(row, p) != want) {
          return false;
        }
      }
    }
    for (int p = 0; p < arity; p++) {
      int at = pc + 4 + 2 * p;
      int mode = code[at];
      if (mode == FREE) {
        frame[code[at + 1]] = rel.get(row, p);
      } else if (mode == SET) {
        if (!inSet(code[at + 1], rel.get(row, p))) {
          return false;
        }
      } else if (mode == SAME && rel.get(row, p) != rel.get(row, code[at + 1])) {
        return false;
      }
    }
    return true;
  }

  private boolean inSet(int at, int v) {
    int[] s = sets;
    for (int i = at + 1, end = at + 1 + s[at]; i < end; i++) {
      if (s[i] == v) {
        return true;
      }
    }
    return false;
  }

  /**
   * Describes the tree for tests and debugging, one alternative per line, nested alternatives
   * indented: {@code r3(v0, 'x', +v2)} is a lookup in relation 3 ({@code +} marks a variable it
   * binds, {@code {'a'|'b'}} a set of constants), {@code v2<T} a type test ({@code v2=T} exact),
   * {@code v2 in ['a']} a membership test. Variable 0 is the actor, 1 the resource.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    describe(0, 0, out);
    return out.toString();
  }

  private void describe(int start, int indent, StringBuilder out) {
    out.append("  ".repeat(indent));
    int pc = start;
    boolean first = true;
    while (true) {
      int op = code[pc];
      if (op == SUCCEED) {
        out.append('\n');
        return;
      }
      if (op == OR) {
        out.append(first ? "or\n" : "\n");
        for (int i = 0; i < code[pc + 1]; i++) {
          describe(code[pc + 2 + i], indent + 1, out);
        }
        return;
      }
      out.append(first ? "" : ", ");
      first = false;
      pc = describeAtom(pc, out);
    }
  }

  private int describeAtom(int pc, StringBuilder out) {
    if (code[pc] == LOOKUP) {
      out.append('r').append(code[pc + 1]).append('(');
      for (int p = 0; p < code[pc + 2]; p++) {
        int at = pc + 4 + 2 * p;
        out.append(p > 0 ? ", " : "");
        if (code[at] == CONST) {
          out.append('\'').append(values.idText(code[at + 1])).append('\'');
        } else if (code[at] == SET) {
          out.append('{');
          for (int i = 0; i < sets[code[at + 1]]; i++) {
            out.append(i > 0 ? "|" : "").append('\'');
            out.append(values.idText(sets[code[at + 1] + 1 + i])).append('\'');
          }
          out.append('}');
        } else if (code[at] == SAME) {
          out.append("=#").append(code[at + 1]);
        } else {
          out.append(code[at] == FREE ? "+v" : "v").append(code[at + 1]);
        }
      }
      out.append(')');
      return pc + 4 + 2 * code[pc + 2];
    }
    if (code[pc] == TYPE) {
      out.append('v').append(code[pc + 1]).append(code[pc + 3] == 1 ? "=" : "<");
      out.append(types.name(code[pc + 2]));
      return pc + 4;
    }
    out.append('v').append(code[pc + 1]).append(" in [");
    for (int i = 0; i < code[pc + 2]; i++) {
      out.append(i > 0 ? ", " : "").append('\'').append(values.idText(code[pc + 3 + i]));
      out.append('\'');
    }
    out.append(']');
    return pc + 3 + code[pc + 2];
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] data = new int[16];
    private int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    void set(int at, int v) {
      data[at] = v;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
