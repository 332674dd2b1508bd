package dev.osoj.internal.eval;

import static dev.osoj.internal.store.ValueTable.UNBOUND;

import dev.osoj.Fact;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.program.TypeHierarchy;
import dev.osoj.internal.store.FactDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One question (or several asked together) over a compiled program: holds the fact database's read
 * lock until closed, so every answer comes from one consistent set of facts. Context facts and
 * {@code @current_unix_time} are fixed when it is opened.
 *
 * <p>Not thread-safe; use one per thread and close it promptly (it blocks writers while open).
 *
 * <p>Limitations: {@code !=} with a wildcard operand (an unbounded answer) is taken as true, so the
 * wildcard may still include the excluded value; a negated call whose argument is a wildcard is
 * read as "no fact for any value of that type" (which denies more, never less); calls that cannot
 * recurse stream their answers untabled, so a policy with many alternative derivations of the same
 * answer repeats work (results are still sets); there is no step or time limit.
 */
public final class Evaluation implements AutoCloseable {
  private static final PredicateKey ALLOW = new PredicateKey("allow", 3);

  private final CompiledProgram program;
  private final FactDatabase.Reader reader;
  private final Solver solver;

  Evaluation(CompiledProgram program, List<Fact> contextFacts, long nowSeconds) {
    this.program = program;
    this.reader = program.db.read();
    try {
      this.solver = new Solver(program, nowSeconds);
      solver.addContext(contextFacts);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /**
   * The answer of {@code list} or {@code actions}.
   *
   * @param values the concrete answers, sorted
   * @param unbounded true when every value of the asked type is an answer (a wildcard rule)
   */
  public record Answer(List<String> values, boolean unbounded) {
    /** Creates an answer. */
    public Answer {
      values = List.copyOf(values);
    }
  }

  /**
   * Returns whether {@code allow(actor, action, resource)} holds.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @return true if allowed
   */
  public boolean authorize(Value actor, String action, Value resource) {
    int[] args = {
      solver.resolve(actor), solver.resolve(Value.of(action)), solver.resolve(resource)
    };
    try {
      return solver.holds(program.pred(ALLOW), args);
    } catch (StackOverflowError e) {
      throw tooDeep(e);
    }
  }

  private static dev.osoj.EvaluationException tooDeep(StackOverflowError e) {
    return new dev.osoj.EvaluationException(
        "recursion nested too deep for the thread's stack while answering the question; "
            + "ask with the recursive argument open or raise the thread stack size (-Xss)",
        e);
  }

  /**
   * Returns the ids of the resources of exactly one type the actor may act on.
   *
   * @param actor the actor
   * @param action the action
   * @param resourceType the type
   * @return the ids, sorted, and whether every value of the type qualifies
   */
  public Answer list(Value actor, String action, String resourceType) {
    if (program.types.find(resourceType) < 0) {
      return new Answer(List.of(), false);
    }
    CRule rule = program.listRule(resourceType, solver);
    int[] args = {solver.resolve(actor), solver.resolve(Value.of(action)), UNBOUND};
    try {
      return collect(solver.answers(rule, args), 2);
    } catch (StackOverflowError e) {
      throw tooDeep(e);
    }
  }

  /**
   * Returns the actions the actor may perform on a resource.
   *
   * @param actor the actor
   * @param resource the resource
   * @return the actions, sorted, and whether every string qualifies
   */
  public Answer actions(Value actor, Value resource) {
    return list(actor, resource);
  }

  private Answer list(Value actor, Value resource) {
    CRule rule = program.actionsRule(solver);
    int[] args = {solver.resolve(actor), UNBOUND, solver.resolve(resource)};
    try {
      return collect(solver.answers(rule, args), 1);
    } catch (StackOverflowError e) {
      throw tooDeep(e);
    }
  }

  private Answer collect(IntTupleSet answers, int position) {
    TreeSet<String> ids = new TreeSet<>();
    boolean unbounded = false;
    for (int i = 0; i < answers.size(); i++) {
      String id = solver.idText(answers.get(i, position));
      if (id == null) {
        unbounded = true;
      } else {
        ids.add(id);
      }
    }
    return new Answer(new ArrayList<>(ids), unbounded);
  }

  /**
   * Answers a query in the shape of {@code /evaluate_query}.
   *
   * @param query the query
   * @return one map per distinct answer, variable to id, null for an unbounded variable
   */
  public List<Map<String, @Nullable String>> query(Query query) {
    List<String> vars = new ArrayList<>(query.constraints().keySet());
    List<Literal> body = new ArrayList<>();
    for (Query.Call call : query.calls()) {
      body.add(CompiledProgram.call(call.predicate(), call.args().toArray(new String[0])));
    }
    query.constraints().forEach((var, c) -> body.add(constraint(var, c)));
    List<Map<String, @Nullable String>> rows = new ArrayList<>();
    for (List<@Nullable Value> answer : answers(vars, body)) {
      Map<String, @Nullable String> row = new LinkedHashMap<>();
      for (int i = 0; i < vars.size(); i++) {
        Value v = answer.get(i);
        row.put(vars.get(i), v == null ? null : v.id());
      }
      rows.add(Collections.unmodifiableMap(row));
    }
    return rows;
  }

  private static Literal constraint(String var, Query.Constraint c) {
    Term.Var term = new Term.Var(var);
    if (c.ids() != null) {
      List<Term.Const> consts = new ArrayList<>();
      for (String id : c.ids()) {
        consts.add(new Term.Const(new Value(c.type(), id)));
      }
      return new Literal.In(term, consts, CompiledProgram.span());
    }
    boolean abstractType =
        c.type().equals(TypeHierarchy.ACTOR) || c.type().equals(TypeHierarchy.RESOURCE);
    return new Literal.Matches(term, c.type(), !abstractType, CompiledProgram.span());
  }

  /**
   * Returns the distinct bindings of some variables that satisfy a conjunction.
   *
   * @param vars the variables to report, in order
   * @param body the conjunction
   * @return one list per answer, aligned with {@code vars}; null marks a wildcard (every value of
   *     the variable's type)
   */
  public List<List<@Nullable Value>> answers(List<String> vars, List<Literal> body) {
    CRule rule = program.compileSynthetic(CompiledProgram.synthetic(vars, body), solver);
    int[] args = new int[vars.size()];
    java.util.Arrays.fill(args, UNBOUND);
    IntTupleSet set;
    try {
      set = solver.answers(rule, args);
    } catch (StackOverflowError e) {
      throw tooDeep(e);
    }
    List<List<@Nullable Value>> out = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      List<@Nullable Value> row = new ArrayList<>(vars.size());
      for (int p = 0; p < vars.size(); p++) {
        row.add(solver.value(set.get(i, p)));
      }
      out.add(Collections.unmodifiableList(row));
    }
    return out;
  }

  /** Releases the read lock. */
  @Override
  public void close() {
    reader.close();
  }
}
