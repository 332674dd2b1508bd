package dev.osoj.internal.plan;

import static java.util.Objects.requireNonNull;

import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.program.Program;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reuses plans across questions of the same shape, so that planning leaves the hot path.
 *
 * <p><b>What is cached.</b> A question {@code predicate(args)} is keyed by its shape: the program
 * (the cache holds one program's plans and drops them all when a question arrives with another
 * program, i.e. after a policy swap), the predicate, per argument whether it is open (and its
 * type), a bound primitive value (the value itself: actions and other strings, integers and
 * booleans are part of the key) or a bound entity value (only its type, and which bound entity
 * arguments are equal to each other). The plan of a shape is built once with a placeholder per
 * distinct bound entity value ({@link Params}) and served with the question's values substituted. A
 * query ({@code evaluateQuery*}) is keyed by its calls and constraints as they are (no
 * placeholders).
 *
 * <p><b>When not.</b> When planning compares a placeholder with a constant of its type (a rule such
 * as {@code allow(User{"alice"}, _, _)} or {@code actor = User{"bob"}}, a binding with a fixed
 * argument, a recursion check), the template assumes the value differs and is not used for
 * questions whose value is one of those constants: they are planned afresh (uncached). A shape is
 * never cached when its plan uses {@code @current_unix_time} or the template cannot be planned.
 * Questions with context facts, and questions over sources other than {@linkplain FactSources#fixed
 * fixed} ones and {@linkplain FactValues#of(dev.osoj.spi.FactStore) stores read at planning time},
 * are always planned afresh. For a store read at planning time, the template is planned as if every
 * lookup found no fact, and each lookup (with the question's values) is repeated when the template
 * is used: if any finds a fact, that question is planned afresh, so facts held in memory are never
 * stale and never leak from one actor to another.
 *
 * <p>The cache holds at most {@code capacity} shapes; beyond, an arbitrary entry is evicted. It is
 * thread-safe; each plan is built by its own {@link Planner}.
 *
 * <p>Limitations: it holds the plans of one program at a time, so two Oso instances with different
 * policies sharing one {@link dev.osoj.store.JdbcFactStore} keep dropping each other's plans (their
 * answers stay correct). String, integer and boolean arguments are part of the key, so a caller
 * asking with ever new strings (rather than actions) fills the cache with single-use shapes.
 */
public final class PlanCache {
  /** The default number of shapes kept. */
  public static final int DEFAULT_CAPACITY = 512;

  private final int capacity;
  private volatile Generation generation = new Generation(null);
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong fresh = new AtomicLong();

  /** Creates a cache of {@link #DEFAULT_CAPACITY} shapes. */
  public PlanCache() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * Creates a cache.
   *
   * @param capacity the most shapes kept, at least 1
   */
  public PlanCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "plan cache capacity must be >= 1, not '" + capacity + "'");
    }
    this.capacity = capacity;
  }

  /**
   * A cached plan with the placeholders of its bound entity values.
   *
   * <p>{@link #derived} lets the owner keep what it computes from the plan (rendered SQL) with it.
   */
  static final class Template {
    final Plan plan;
    final List<Guard> guards;
    final Map<Value, Set<Value>> excluded;
    final Map<String, Object> derived = new ConcurrentHashMap<>();

    Template(Plan plan, List<Guard> guards, Map<Value, Set<Value>> excluded) {
      this.plan = plan;
      this.guards = guards;
      this.excluded = excluded;
    }
  }

  /** A store lookup made while planning a template, which must still find nothing. */
  record Guard(FactValues.StoreSources store, String predicate, List<@Nullable Value> bound) {}

  /** The plan of one question: a template with the question's values, or a fresh plan. */
  static final class Prepared {
    private final @Nullable Template template;
    private final List<Value> values;
    private @Nullable Plan plan;

    Prepared(@Nullable Template template, List<Value> values, @Nullable Plan plan) {
      this.template = template;
      this.values = values;
      this.plan = plan;
    }

    /** The template, or null when the question was planned afresh. */
    @Nullable Template template() {
      return template;
    }

    /** The question's value for each placeholder of the template, in order. */
    List<Value> values() {
      return values;
    }

    /** The question's plan. */
    Plan plan() {
      Plan p = plan;
      if (p == null) {
        p = Substitution.apply(requireNonNull(template).plan, bindings(values));
        plan = p;
      }
      return p;
    }
  }

  /**
   * Returns the plan of a predicate call (see {@link Planner#plan(String, List)}).
   *
   * @param program the policy
   * @param sources the fact sources (the same for every question of this cache, context aside)
   * @param nowSeconds the value of {@code @current_unix_time}
   * @param predicate the predicate
   * @param args the arguments
   * @return the plan
   */
  public Plan plan(
      Program program,
      FactSources sources,
      long nowSeconds,
      String predicate,
      List<Planner.Arg> args) {
    return prepare(program, sources, nowSeconds, predicate, args).plan();
  }

  /**
   * Returns the plan of a query (see {@link Planner#plan(Query)}).
   *
   * @param program the policy
   * @param sources the fact sources (context facts of the query included)
   * @param nowSeconds the value of {@code @current_unix_time}
   * @param query the query
   * @return the plan
   */
  public Plan plan(Program program, FactSources sources, long nowSeconds, Query query) {
    if (!query.contextFacts().isEmpty() || !canTemplate(sources)) {
      fresh.incrementAndGet();
      return new Planner(program, sources, nowSeconds).plan(query);
    }
    return lookup(
            program,
            query,
            List.of(),
            () -> build(program, sources, nowSeconds, p -> p.plan(query)),
            () -> new Planner(program, sources, nowSeconds).plan(query))
        .plan();
  }

  Prepared prepare(
      Program program,
      FactSources sources,
      long nowSeconds,
      String predicate,
      List<Planner.Arg> args) {
    if (!canTemplate(sources)) {
      fresh.incrementAndGet();
      return new Prepared(
          null, List.of(), new Planner(program, sources, nowSeconds).plan(predicate, args));
    }
    List<Object> shape = new ArrayList<>(args.size() + 1);
    shape.add(predicate);
    List<Value> distinct = new ArrayList<>();
    List<Value> values = new ArrayList<>();
    List<Planner.Arg> templateArgs = new ArrayList<>(args.size());
    for (Planner.Arg a : args) {
      Value v = a instanceof Planner.Arg.Bound ? ((Planner.Arg.Bound) a).value() : null;
      if (v == null || v.isPrimitive()) {
        shape.add(a);
        templateArgs.add(a);
        continue;
      }
      int index = distinct.indexOf(v);
      if (index < 0) {
        index = distinct.size();
        distinct.add(v);
        values.add(v);
      }
      shape.add(new Slot(v.type(), index));
      templateArgs.add(new Planner.Arg.Bound(Params.placeholder(v.type(), index)));
    }
    return lookup(
        program,
        shape,
        values,
        () -> build(program, sources, nowSeconds, p -> p.plan(predicate, templateArgs)),
        () -> new Planner(program, sources, nowSeconds).plan(predicate, args));
  }

  private Prepared lookup(
      Program program,
      Object key,
      List<Value> values,
      Supplier<Entry> template,
      Supplier<Plan> plainPlan) {
    Map<Object, Entry> entries = entries(program);
    Entry e = entries.get(key);
    if (e == null) {
      misses.incrementAndGet();
      e = template.get();
      if (entries.size() >= capacity) {
        evictOne(entries);
      }
      entries.putIfAbsent(key, e);
    } else {
      hits.incrementAndGet();
    }
    Template t = e.template;
    if (t == null || !fits(t, values)) {
      fresh.incrementAndGet();
      return new Prepared(null, values, plainPlan.get());
    }
    return new Prepared(t, values, null);
  }

  private static Entry build(
      Program program, FactSources sources, long nowSeconds, Function<Planner, Plan> build) {
    Set<Guard> guards = new LinkedHashSet<>();
    FactSources view = templateView(sources, guards);
    if (view == null) {
      return Entry.UNCACHEABLE;
    }
    Planner planner = new Planner(program, view, nowSeconds, true);
    Map<Value, Set<Value>> excluded = new HashMap<>();
    try {
      Plan plan = Params.assuming(excluded, () -> build.apply(planner));
      return new Entry(new Template(plan, List.copyOf(guards), Map.copyOf(excluded)));
    } catch (RuntimeException e) {
      // Params.Dependent, or a question the planner refuses: the fresh plan decides.
      return Entry.UNCACHEABLE;
    }
  }

  /** Whether a template can be planned over the sources (see {@link #templateView}). */
  private static boolean canTemplate(FactSources sources) {
    if (sources instanceof FactSources.Both) {
      FactSources.Both both = (FactSources.Both) sources;
      return canTemplate(both.first()) && canTemplate(both.second());
    }
    return sources.isFixed() || sources instanceof FactValues.StoreSources;
  }

  /** The sources as seen while planning a template, or null if a template cannot be planned. */
  private static @Nullable FactSources templateView(FactSources sources, Set<Guard> guards) {
    if (sources.isFixed()) {
      return sources;
    }
    if (sources instanceof FactSources.Both) {
      FactSources.Both both = (FactSources.Both) sources;
      FactSources first = templateView(both.first(), guards);
      FactSources second = templateView(both.second(), guards);
      return first == null || second == null ? null : new FactSources.Both(first, second);
    }
    if (sources instanceof FactValues.StoreSources) {
      FactValues.StoreSources store = (FactValues.StoreSources) sources;
      return (predicate, arity, bound) -> {
        guards.add(new Guard(store, predicate, new ArrayList<>(bound)));
        return List.of();
      };
    }
    return null;
  }

  /**
   * Whether a template serves the question's values: none is a value its planning took a
   * placeholder to differ from, and every store lookup of its planning still finds nothing.
   */
  private static boolean fits(Template t, List<Value> values) {
    if (t.guards.isEmpty() && t.excluded.isEmpty()) {
      return true;
    }
    Map<Value, Value> map = bindings(values);
    for (Map.Entry<Value, Set<Value>> x : t.excluded.entrySet()) {
      if (x.getValue().contains(map.get(x.getKey()))) {
        return false;
      }
    }
    for (Guard g : t.guards) {
      List<@Nullable Value> bound = new ArrayList<>(g.bound().size());
      for (Value v : g.bound()) {
        Value r = v == null ? null : map.get(v);
        bound.add(r == null ? v : r);
      }
      if (g.store().holdsAny(g.predicate(), bound)) {
        return false;
      }
    }
    return true;
  }

  /** Maps the placeholder of each index to the question's value. */
  static Map<Value, Value> bindings(List<Value> values) {
    Map<Value, Value> map = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      map.put(Params.placeholder(v.type(), i), v);
    }
    return map;
  }

  private Map<Object, Entry> entries(Program program) {
    Generation g = generation;
    if (g.program != program) {
      synchronized (this) {
        g = generation;
        if (g.program != program) {
          g = new Generation(program);
          generation = g;
        }
      }
    }
    return g.entries;
  }

  private static void evictOne(Map<Object, Entry> entries) {
    Iterator<Object> it = entries.keySet().iterator();
    if (it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Returns the number of shapes held. */
  int size() {
    return generation.entries.size();
  }

  /** Returns how many questions found their shape in the cache. */
  long hits() {
    return hits.get();
  }

  /** Returns how many questions did not find their shape. */
  long misses() {
    return misses.get();
  }

  /** Returns how many questions were planned afresh (uncacheable shape, guard, context facts). */
  long freshPlans() {
    return fresh.get();
  }

  /** One slot of a shape: a bound entity value of a type, numbered by distinct value. */
  private record Slot(String type, int index) {}

  private static final class Generation {
    final @Nullable Program program;
    final Map<Object, Entry> entries = new ConcurrentHashMap<>();

    Generation(@Nullable Program program) {
      this.program = program;
    }
  }

  private static final class Entry {
    static final Entry UNCACHEABLE = new Entry(null);
    final @Nullable Template template;

    Entry(@Nullable Template template) {
      this.template = template;
    }
  }
}
