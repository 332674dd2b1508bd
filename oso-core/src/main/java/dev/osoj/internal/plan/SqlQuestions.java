package dev.osoj.internal.plan;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.FactStoreException;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.embedded.ListAnswer;
import dev.osoj.internal.embedded.QuestionEngine;
import dev.osoj.internal.program.Program;
import dev.osoj.sql.Plan;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import dev.osoj.sql.SqlRenderer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions by planning them and running the plan as one SQL statement: the {@link
 * QuestionEngine} of {@link dev.osoj.store.JdbcFactStore}, usable with any fact sources a database
 * can read.
 *
 * <p>Plans are cached per question shape ({@link PlanCache}: what is cached and when not), and so
 * are the statements rendered from them ({@link TemplateSql}): questions of one shape run the same
 * SQL text with different parameters, which lets the JDBC driver and the database reuse a prepared
 * statement and its plan.
 */
public final class SqlQuestions implements QuestionEngine {
  private static final Logger logger = LoggerFactory.getLogger(SqlQuestions.class);

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final BiFunction<Program, List<Fact>, FactSources> sources;
  private final PlanCache cache = new PlanCache();

  /**
   * Creates the engine.
   *
   * @param dataSource where the statements run
   * @param dialect the database's dialect
   * @param sources the fact sources for a program and a question's context facts
   */
  public SqlQuestions(
      DataSource dataSource,
      SqlDialect dialect,
      BiFunction<Program, List<Fact>, FactSources> sources) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.dialect = requireNonNull(dialect, "dialect");
    this.sources = requireNonNull(sources, "sources");
  }

  private PlanCache.Prepared allow(
      Program program, List<Fact> context, long now, Planner.Arg... args) {
    return cache.prepare(program, sources.apply(program, context), now, "allow", List.of(args));
  }

  @Override
  public boolean authorize(
      Program program,
      Value actor,
      String action,
      Value resource,
      List<Fact> contextFacts,
      long nowSeconds) {
    PlanCache.Prepared plan =
        allow(
            program,
            contextFacts,
            nowSeconds,
            new Planner.Arg.Bound(actor),
            new Planner.Arg.Bound(Value.of(action)),
            new Planner.Arg.Bound(resource));
    SqlFragment sql =
        TemplateSql.render(plan, "exists", p -> SqlRenderer.bound(dialect).exists(p, "allowed"));
    List<List<@Nullable String>> rows = run(sql, 1);
    return !rows.isEmpty() && isTrue(rows.get(0).get(0));
  }

  private static boolean isTrue(@Nullable String text) {
    return "true".equalsIgnoreCase(text) || "t".equalsIgnoreCase(text);
  }

  @Override
  public ListAnswer list(
      Program program,
      Value actor,
      String action,
      String resourceType,
      List<Fact> contextFacts,
      long nowSeconds) {
    return single(
        allow(
            program,
            contextFacts,
            nowSeconds,
            new Planner.Arg.Bound(actor),
            new Planner.Arg.Bound(Value.of(action)),
            new Planner.Arg.Open(resourceType)));
  }

  @Override
  public ListAnswer actions(
      Program program, Value actor, Value resource, List<Fact> contextFacts, long nowSeconds) {
    return single(
        allow(
            program,
            contextFacts,
            nowSeconds,
            new Planner.Arg.Bound(actor),
            new Planner.Arg.Open(Value.STRING),
            new Planner.Arg.Bound(resource)));
  }

  private ListAnswer single(PlanCache.Prepared plan) {
    TreeSet<String> ids = new TreeSet<>();
    boolean unbounded = false;
    SqlFragment sql = TemplateSql.render(plan, "rows", p -> SqlRenderer.bound(dialect).rows(p));
    for (List<@Nullable String> row : run(sql, 2)) {
      if (row.get(0) == null) {
        unbounded = true;
      } else {
        ids.add(row.get(1));
      }
    }
    return new ListAnswer(new ArrayList<>(ids), unbounded);
  }

  @Override
  public List<Map<String, @Nullable String>> evaluateQuery(
      Program program, Query query, long nowSeconds) {
    FactSources src = sources.apply(program, query.contextFacts());
    Plan plan = cache.plan(program, src, nowSeconds, query);
    List<String> vars = new ArrayList<>(query.constraints().keySet());
    List<Map<String, @Nullable String>> out = new ArrayList<>();
    java.util.Set<List<@Nullable String>> seen = new java.util.HashSet<>();
    for (List<@Nullable String> row : run(SqlRenderer.bound(dialect).rows(plan), 2 * vars.size())) {
      List<@Nullable String> ids = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        ids.add(row.get(2 * i) == null ? null : row.get(2 * i + 1));
      }
      if (seen.add(ids)) {
        Map<String, @Nullable String> m = new LinkedHashMap<>();
        for (int i = 0; i < vars.size(); i++) {
          m.put(vars.get(i), ids.get(i));
        }
        out.add(m);
      }
    }
    if (vars.isEmpty() && out.isEmpty()) {
      return List.of();
    }
    return out;
  }

  private List<List<@Nullable String>> run(SqlFragment sql, int columns) {
    if (logger.isDebugEnabled()) {
      logger.debug("running '{}' with {}", sql.sql(), sql.parameters());
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.sql())) {
      sql.bind(ps, 1);
      List<List<@Nullable String>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int n = Math.max(columns, 1);
        while (rs.next()) {
          List<@Nullable String> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new FactStoreException("authorization query failed: " + e.getMessage(), e);
    }
  }
}
