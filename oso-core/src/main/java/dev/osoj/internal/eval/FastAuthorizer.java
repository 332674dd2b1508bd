package dev.osoj.internal.eval;

import dev.osoj.Value;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.ValueTable;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of {@code authorize} for one compiled program: the {@link FastPlan} of each (actor
 * type, action, resource type) met so far, built on first use by {@link Unfolder} and kept with the
 * program (a new policy gets a new {@link CompiledProgram}, so plans never outlive their rules).
 * Plans hold only stored ids of the policy's constants, relation ids and type ids, none of which
 * changes when facts do, so a plan stays valid across writes.
 *
 * <p>Covered: questions without context facts whose actor, action and resource are all values the
 * fact database already holds, under a policy whose {@code allow} for that action and those types
 * unfolds as {@link Unfolder} describes. Everything else answers {@link #UNCOVERED} and goes to the
 * {@link Solver}; an uncovered shape is remembered so the unfolding is not retried. At most 4,096
 * shapes are kept; questions of further shapes go to the solver.
 *
 * <p>Thread-safe: the table of plans is copied on write and read without locking.
 */
final class FastAuthorizer {
  /** The answer when the fast path does not cover a question. */
  static final int UNCOVERED = -1;

  private static final PredicateKey ALLOW = new PredicateKey("allow", 3);
  private static final int MAX_SHAPES = 4096;

  private final CompiledProgram program;
  private final ValueTable values;
  private volatile Entry[] table = new Entry[64];
  private int used;

  private record Entry(long key, @Nullable FastPlan plan) {}

  FastAuthorizer(CompiledProgram program) {
    this.program = program;
    this.values = program.db.values();
  }

  /**
   * Answers {@code authorize} if covered.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @return 1 allowed, 0 denied, {@link #UNCOVERED} otherwise
   */
  int authorize(Value actor, String action, Value resource) {
    try (FactDatabase.Reader reader = program.db.read()) {
      long a = values.findRecentWithType(actor);
      long r = a < 0 ? -1 : values.findRecentWithType(resource);
      int act = r < 0 ? -1 : actionId(action);
      if (act < 0) {
        return UNCOVERED;
      }
      FastPlan plan = plan((int) (a >>> 32), act, (int) (r >>> 32));
      if (plan == null) {
        return UNCOVERED;
      }
      return plan.holds((int) a, (int) r) ? 1 : 0;
    }
  }

  private int actionId(String action) {
    int id = program.policyString(action);
    return id >= 0 ? id : values.findRecent(Value.of(action));
  }

  private static long key(int actorType, int action, int resourceType) {
    return ((long) action << 32) | ((long) (actorType & 0xFFFF) << 16) | (resourceType & 0xFFFF);
  }

  /** Returns the plan of a shape (null when uncovered), building it on first use. */
  @Nullable FastPlan plan(int actorType, int action, int resourceType) {
    if (actorType > 0xFFFF || resourceType > 0xFFFF) {
      return null; // the key has 16 bits per type: such a shape is never covered
    }
    long key = key(actorType, action, resourceType);
    Entry[] t = table;
    int mask = t.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      Entry e = t[i];
      if (e == null) {
        break;
      }
      if (e.key == key) {
        return e.plan;
      }
    }
    return build(key, actorType, action, resourceType);
  }

  private synchronized @Nullable FastPlan build(
      long key, int actorType, int action, int resourceType) {
    Entry[] t = table;
    int mask = t.length - 1;
    int i = mix(key) & mask;
    for (; t[i] != null; i = (i + 1) & mask) {
      if (t[i].key == key) {
        return t[i].plan;
      }
    }
    if (used >= MAX_SHAPES) {
      return null;
    }
    FastPlan plan = unfold(actorType, action, resourceType);
    Entry[] copy = t.clone();
    if ((used + 1) * 2 > copy.length) {
      copy = grown(copy);
    }
    insert(copy, new Entry(key, plan));
    used++;
    table = copy;
    return plan;
  }

  private @Nullable FastPlan unfold(int actorType, int action, int resourceType) {
    try {
      return new Unfolder(program, actorType, resourceType).unfold(program.pred(ALLOW), action);
    } catch (Unfolder.Unsupported e) {
      return null;
    }
  }

  private static Entry[] grown(Entry[] old) {
    Entry[] fresh = new Entry[old.length * 2];
    for (Entry e : old) {
      if (e != null) {
        insert(fresh, e);
      }
    }
    return fresh;
  }

  private static void insert(Entry[] t, Entry e) {
    int mask = t.length - 1;
    int i = mix(e.key) & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = e;
  }

  private static int mix(long key) {
    long x = key * 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 32));
  }
}
