package dev.osoj.internal.plan;

import static java.util.Objects.requireNonNull;

import dev.osoj.EvaluationException;
import dev.osoj.Fact;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.embedded.LocalSql;
import dev.osoj.internal.program.Program;
import dev.osoj.spi.FactStore;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.FactSource;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.Plan;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlRenderer;
import dev.osoj.store.JdbcFactStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link LocalSql} of the embedded engine: plans each question over local bindings, the fact
 * store (the managed table as scans, any other store's matching facts as bound values) and context
 * facts, then renders it with inlined literals (the {@code *Local} methods, Oso Cloud's contract)
 * or keeps the plan ({@code listFilter}). Plans are cached per question shape ({@link PlanCache}
 * says what is cached and when not); rendering happens on every call.
 */
public final class LocalSqlWriter implements LocalSql {
  private final LocalBindings bindings;
  private final SqlDialect dialect;
  private final FactStore store;
  private final Clock clock;
  private final FactSources sources;
  private final PlanCache cache = new PlanCache();

  /**
   * Creates the writer.
   *
   * @param bindings the local bindings
   * @param dialect the dialect of the application's database
   * @param store the fact store of the embedded instance
   * @param clock the clock of {@code @current_unix_time}
   */
  public LocalSqlWriter(LocalBindings bindings, SqlDialect dialect, FactStore store, Clock clock) {
    this.bindings = requireNonNull(bindings, "bindings");
    this.dialect = requireNonNull(dialect, "dialect");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    FactSources local =
        FactSources.fixed(
            (predicate, arity, bound) -> {
              List<Plan> out = new ArrayList<>();
              for (FactSource.Binding b : bindings.bindings(predicate, arity)) {
                out.add(new Plan.Scan(b));
              }
              return out;
            });
    FactSources stored =
        store instanceof JdbcFactStore
            ? FactSources.factTable(((JdbcFactStore) store).table())
            : FactValues.of(store);
    this.sources = local.and(stored);
  }

  private FactSources sources(List<Fact> context) {
    return context.isEmpty() ? sources : sources.and(FactValues.of(context));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private Plan allow(Program program, List<Fact> context, Planner.Arg... args) {
    return cache.plan(program, sources(context), now(), "allow", List.of(args));
  }

  @Override
  public String authorizeLocal(
      Program program, Value actor, String action, Value resource, List<Fact> contextFacts) {
    Plan plan =
        allow(
            program,
            contextFacts,
            new Planner.Arg.Bound(actor),
            new Planner.Arg.Bound(Value.of(action)),
            new Planner.Arg.Bound(resource));
    return SqlRenderer.inline(dialect).exists(plan, "allowed").sql();
  }

  @Override
  public String listLocal(
      Program program,
      Value actor,
      String action,
      String resourceType,
      String column,
      List<Fact> contextFacts) {
    Plan plan =
        allow(
            program,
            contextFacts,
            new Planner.Arg.Bound(actor),
            new Planner.Arg.Bound(Value.of(action)),
            new Planner.Arg.Open(resourceType));
    return SqlRenderer.inline(dialect)
        .filter(plan, column, sqlType(resourceType), resourceType)
        .sql();
  }

  @Override
  public String actionsLocal(
      Program program, Value actor, Value resource, List<Fact> contextFacts) {
    Plan plan =
        allow(
            program,
            contextFacts,
            new Planner.Arg.Bound(actor),
            new Planner.Arg.Open(Value.STRING),
            new Planner.Arg.Bound(resource));
    return SqlRenderer.inline(dialect).namedRows(plan, List.of("actions")).sql();
  }

  @Override
  public String evaluateQueryLocalSelect(
      Program program, Query query, Map<String, String> columnsToVars) {
    Plan plan = cache.plan(program, sources(query.contextFacts()), now(), query);
    if (columnsToVars.isEmpty()) {
      return SqlRenderer.inline(dialect).exists(plan, "result").sql();
    }
    List<String> vars = new ArrayList<>(query.constraints().keySet());
    List<Integer> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> e : columnsToVars.entrySet()) {
      if (!seen.add(e.getValue())) {
        throw new EvaluationException(
            "query variable '" + e.getValue() + "' is mapped to more than one column");
      }
      columns.add(indexOf(vars, e.getValue()));
      names.add(SqlDialect.checkSimpleIdentifier(e.getKey()));
    }
    return SqlRenderer.inline(dialect).namedRows(project(plan, columns), names).sql();
  }

  @Override
  public String evaluateQueryLocalFilter(Program program, Query query, String column, String var) {
    Plan plan = cache.plan(program, sources(query.contextFacts()), now(), query);
    List<String> vars = new ArrayList<>(query.constraints().keySet());
    Plan one = project(plan, List.of(indexOf(vars, var)));
    String type = query.constraints().get(var).type();
    return SqlRenderer.inline(dialect).filter(one, column, sqlType(type), type).sql();
  }

  @Override
  public AuthorizedFilter listFilter(
      Program program, Value actor, String action, String resourceType) {
    Plan plan =
        allow(
            program,
            List.of(),
            new Planner.Arg.Bound(actor),
            new Planner.Arg.Bound(Value.of(action)),
            new Planner.Arg.Open(resourceType));
    return AuthorizedFilter.of(resourceType, plan, bindings.sqlTypes());
  }

  private dev.osoj.sql.SqlType sqlType(String type) {
    return bindings.sqlTypes().getOrDefault(type, dev.osoj.sql.SqlType.TEXT);
  }

  private static int indexOf(List<String> vars, String var) {
    int i = vars.indexOf(var);
    if (i < 0) {
      throw new EvaluationException("query has no variable '" + var + "'; it has " + vars);
    }
    return i;
  }

  /** Keeps one column of each branch, so wildcard branches stay recognisable at the top. */
  private static Plan project(Plan plan, List<Integer> columns) {
    if (plan instanceof Plan.Union) {
      List<Plan> out = new ArrayList<>();
      for (Plan p : ((Plan.Union) plan).inputs()) {
        out.add(project(p, columns));
      }
      return new Plan.Union(columns.size(), out);
    }
    List<Plan.Expr> exprs = new ArrayList<>();
    if (plan instanceof Plan.Project) {
      Plan.Project p = (Plan.Project) plan;
      for (int c : columns) {
        exprs.add(p.outputs().get(c));
      }
      return new Plan.Project(p.input(), exprs);
    }
    for (int c : columns) {
      exprs.add(new Plan.Expr.Column(c));
    }
    return new Plan.Project(plan, exprs);
  }
}
