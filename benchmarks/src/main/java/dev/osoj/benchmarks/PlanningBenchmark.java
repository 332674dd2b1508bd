package dev.osoj.benchmarks;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.FilterTarget;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of planning alone, no database: {@code listFilter(...).toSql(...)}, {@code listLocal}
 * and {@code authorizeLocal} on the small benchmark policy ({@code gitclub-sql.polar} with its
 * local bindings), for 64 different users in turn (so a plan cache must serve other actors than the
 * one it was built for).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PlanningBenchmark -f 1 -wi 10 -i 3 -w
 * 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1)
public class PlanningBenchmark {
  private Oso oso;
  private final Value[] users = new Value[64];
  private final Value[] repos = new Value[64];
  private int next;

  /** Builds the Oso instance; no database is opened. */
  @Setup(Level.Trial)
  public void setUp() {
    oso =
        Oso.embedded()
            .policy(SqlSchema.resource("gitclub-sql.polar"))
            .localBindings(LocalBindings.fromYaml(SqlSchema.resource("gitclub-sql-bindings.yaml")))
            .sqlDialect(SqlDialect.POSTGRES)
            .build();
    for (int i = 0; i < users.length; i++) {
      users[i] = new Value("User", Integer.toString(1 + i * 157));
      repos[i] = new Value("Repository", Integer.toString(1 + i * 15_485));
    }
  }

  /** Closes the instance. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    oso.close();
  }

  /** {@code listFilter} alone: the plan, not rendered. */
  @Benchmark
  public AuthorizedFilter listFilterPlan() {
    return oso.listFilter(users[next++ & 63], "read", "Repository");
  }

  /** {@code listFilter} rendered with bound parameters. */
  @Benchmark
  public SqlFragment listFilterToSql() {
    return oso.listFilter(users[next++ & 63], "read", "Repository")
        .toSql("r.id", SqlDialect.POSTGRES);
  }

  /** {@code listFilter} rendered in the table-aware form {@code SqlFilterBenchmark} uses. */
  @Benchmark
  public SqlFragment listFilterToSqlOnTable() {
    return oso.listFilter(users[next++ & 63], "read", "Repository")
        .toSql(FilterTarget.of("repositories", "r", "id"), SqlDialect.POSTGRES);
  }

  /** {@code listLocal}: plan and render with literals. */
  @Benchmark
  public String listLocal() {
    return oso.listLocal(users[next++ & 63], "read", "Repository", "r.id", List.of());
  }

  /** {@code authorizeLocal}: plan and render with literals. */
  @Benchmark
  public String authorizeLocal() {
    int i = next++ & 63;
    return oso.authorizeLocal(users[i], "read", repos[i], List.of());
  }
}
