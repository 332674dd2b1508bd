package dev.osoj.internal.eval;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.Value;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.ValueTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Program} compiled against one {@link FactDatabase}: every rule with its join plans,
 * constants interned into the database's value table, predicates bound to their relations.
 * Questions go through {@link Evaluation}.
 *
 * <p>Immutable after construction apart from caches; thread-safe.
 */
public final class CompiledProgram {
  final Program program;
  final FactDatabase db;
  final Types types;
  final boolean usesNow;
  private final Map<PredicateKey, Pred> preds = new ConcurrentHashMap<>();
  private final Map<String, CRule> listRules = new ConcurrentHashMap<>();
  private final int firstSyntheticCall;
  private volatile @Nullable CRule actionsRule;
  private final Map<String, Integer> strings = new java.util.HashMap<>();
  private final FastAuthorizer fast;

  private CompiledProgram(Program program, FactDatabase db) {
    this.program = program;
    this.db = db;
    this.types = new Types(program.types(), db.values());
    this.usesNow = program.rules().stream().anyMatch(CompiledProgram::mentionsNow);
    registerPredicates();
    Compiler compiler = newCompiler(this::internValue, db.values()::internType, 0);
    List<CRule> rules = new ArrayList<>();
    for (Rule rule : program.rules()) {
      rules.add(compiler.compile(rule));
    }
    Map<PredicateKey, List<CRule>> byPred = new java.util.HashMap<>();
    for (CRule rule : rules) {
      byPred
          .computeIfAbsent(
              new PredicateKey(rule.source.predicate(), rule.arity), k -> new ArrayList<>())
          .add(rule);
    }
    byPred.forEach((key, list) -> pred(key).rules = list.toArray(new CRule[0]));
    rules.forEach(compiler::resolve);
    new Sccs(rules).run();
    Compiler.markTabled(rules);
    rules.forEach(Compiler::plan);
    this.firstSyntheticCall = compiler.nextCallId();
    this.fast = new FastAuthorizer(this);
  }

  /**
   * Compiles a program, interning its constants and predicates under the database's write lock.
   *
   * @param program the program
   * @param db the database whose facts questions will read
   * @return the compiled program
   * @throws dev.osoj.EvaluationException if the program negates a predicate through recursion
   */
  public static CompiledProgram compile(Program program, FactDatabase db) {
    requireNonNull(program, "program");
    requireNonNull(db, "db");
    CompiledProgram[] out = new CompiledProgram[1];
    db.write(() -> out[0] = new CompiledProgram(program, db));
    return out[0];
  }

  /**
   * Returns the source program.
   *
   * @return the program
   */
  public Program program() {
    return program;
  }

  /**
   * Returns the database this program reads.
   *
   * @return the database
   */
  public FactDatabase database() {
    return db;
  }

  /**
   * Starts a question: takes the database's read lock, which {@link Evaluation#close()} releases.
   *
   * @param contextFacts facts visible to this question only (already validated)
   * @param nowSeconds the value of {@code @current_unix_time}
   * @return the open question
   */
  public Evaluation open(List<Fact> contextFacts, long nowSeconds) {
    return new Evaluation(this, contextFacts, nowSeconds);
  }

  /**
   * Answers {@code authorize} without context facts through the unfolded fast path, taking the
   * database's read lock for the question; see {@link FastAuthorizer} for what it covers.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @return 1 when allowed, 0 when denied, -1 when the fast path does not cover the question (ask
   *     through {@link #open} instead)
   */
  public int authorizeFast(Value actor, String action, Value resource) {
    return fast.authorize(actor, action, resource);
  }

  Pred pred(PredicateKey key) {
    Pred pred = preds.get(key);
    if (pred != null) {
      return pred;
    }
    return preds.computeIfAbsent(key, k -> new Pred(k, db.findPredicateLocked(k)));
  }

  Compiler newCompiler(
      java.util.function.ToIntFunction<Value> constants,
      java.util.function.ToIntFunction<String> typeIds,
      int firstCall) {
    Function<PredicateKey, Pred> lookup = this::pred;
    ValueTable table = db.values();
    return new Compiler(
        lookup,
        types,
        constants,
        typeIds,
        v -> v >= 0 ? table.typeOf(v) : Types.UNKNOWN,
        firstCall);
  }

  /** Compiles a rule that is not part of the program, such as the shape of one question. */
  CRule compileSynthetic(Rule rule, Solver solver) {
    Compiler compiler =
        new Compiler(
            this::pred,
            types,
            solver::resolve,
            name -> {
              int t = types.find(name);
              return t < 0 ? Types.UNKNOWN : t;
            },
            solver::typeOf,
            firstSyntheticCall);
    CRule compiled = compiler.compile(rule);
    compiler.resolve(compiled);
    Compiler.plan(compiled);
    return compiled;
  }

  CRule listRule(String resourceType, Solver solver) {
    CRule cached = listRules.get(resourceType);
    if (cached != null) {
      return cached;
    }
    Rule rule =
        synthetic(
            List.of("actor", "action", "resource"),
            List.of(
                call("allow", "actor", "action", "resource"),
                new Literal.Matches(new Term.Var("resource"), resourceType, true, span())));
    CRule compiled = compileSynthetic(rule, solver);
    listRules.putIfAbsent(resourceType, compiled);
    return compiled;
  }

  CRule actionsRule(Solver solver) {
    CRule cached = actionsRule;
    if (cached != null) {
      return cached;
    }
    Rule rule =
        synthetic(
            List.of("actor", "action", "resource"),
            List.of(
                call("allow", "actor", "action", "resource"),
                new Literal.Matches(new Term.Var("action"), Value.STRING, true, span())));
    CRule compiled = compileSynthetic(rule, solver);
    actionsRule = compiled;
    return compiled;
  }

  static Rule synthetic(List<String> head, List<Literal> body) {
    List<Param> params = new ArrayList<>();
    head.forEach(name -> params.add(new Param(new Term.Var(name), null)));
    return new Rule("<question>", params, body, span(), "question");
  }

  static Literal.Call call(String predicate, String... vars) {
    List<Term> args = new ArrayList<>();
    for (String var : vars) {
      args.add(new Term.Var(var));
    }
    return new Literal.Call(predicate, args, span());
  }

  static dev.osoj.SourceSpan span() {
    return dev.osoj.SourceSpan.NONE;
  }

  private int internValue(Value value) {
    int id = db.values().intern(value);
    if (value.type().equals(Value.STRING)) {
      strings.put(value.id(), id);
    }
    return id;
  }

  /** Returns the stored id of a string the policy mentions (an action, a role), or -1. */
  int policyString(String text) {
    Integer id = strings.get(text);
    return id == null ? -1 : id;
  }

  private void registerPredicates() {
    program
        .signatures()
        .byPredicate()
        .forEach(
            (name, signatures) ->
                signatures.forEach(s -> register(new PredicateKey(name, s.size()))));
    for (Rule rule : program.rules()) {
      register(new PredicateKey(rule.predicate(), rule.arity()));
      for (Literal literal : rule.body()) {
        if (literal instanceof Literal.Call) {
          register(
              new PredicateKey(
                  ((Literal.Call) literal).predicate(), ((Literal.Call) literal).arity()));
        } else if (literal instanceof Literal.Not) {
          Literal.Call c = ((Literal.Not) literal).call();
          register(new PredicateKey(c.predicate(), c.arity()));
        }
      }
    }
  }

  private void register(PredicateKey key) {
    preds.computeIfAbsent(key, k -> new Pred(k, db.internPredicate(k)));
  }

  private static boolean mentionsNow(Rule rule) {
    for (Param p : rule.head()) {
      if (p.term() instanceof Term.Now) {
        return true;
      }
    }
    for (Literal literal : rule.body()) {
      if (literal instanceof Literal.Compare) {
        Literal.Compare c = (Literal.Compare) literal;
        if (c.left() instanceof Term.Now || c.right() instanceof Term.Now) {
          return true;
        }
      } else if (literal instanceof Literal.Unify) {
        Literal.Unify u = (Literal.Unify) literal;
        if (u.left() instanceof Term.Now || u.right() instanceof Term.Now) {
          return true;
        }
      } else if (literal instanceof Literal.Call) {
        if (((Literal.Call) literal).args().stream().anyMatch(t -> t instanceof Term.Now)) {
          return true;
        }
      } else if (literal instanceof Literal.In) {
        if (((Literal.In) literal).term() instanceof Term.Now) {
          return true;
        }
      }
    }
    return false;
  }

  /** Tarjan's strongly connected components over the rule call graph. */
  private static final class Sccs {
    private final List<CRule> rules;
    private final Map<CRule, Integer> index = new java.util.IdentityHashMap<>();
    private final Map<CRule, Integer> low = new java.util.IdentityHashMap<>();
    private final Deque<CRule> stack = new ArrayDeque<>();
    private final java.util.Set<CRule> onStack =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private int counter;
    private int components;

    Sccs(List<CRule> rules) {
      this.rules = rules;
    }

    void run() {
      for (CRule rule : rules) {
        if (!index.containsKey(rule)) {
          visit(rule);
        }
      }
    }

    private void visit(CRule rule) {
      index.put(rule, counter);
      low.put(rule, counter++);
      stack.push(rule);
      onStack.add(rule);
      for (Op op : rule.body) {
        if (op instanceof Op.Call) {
          for (CRule callee : ((Op.Call) op).candidates()) {
            if (!index.containsKey(callee)) {
              visit(callee);
              low.put(rule, Math.min(low.get(rule), low.get(callee)));
            } else if (onStack.contains(callee)) {
              low.put(rule, Math.min(low.get(rule), index.get(callee)));
            }
          }
        }
      }
      if (low.get(rule).equals(index.get(rule))) {
        int id = components++;
        CRule member;
        do {
          member = stack.pop();
          onStack.remove(member);
          member.scc = id;
        } while (member != rule);
      }
    }
  }
}
