package dev.osoj.benchmarks;

import dev.osoj.Value;
import dev.osoj.internal.plan.FactSources;
import dev.osoj.internal.plan.Planner;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.program.Program;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlRenderer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Measures the questions of {@link PlanningBenchmark} in CPU time of the measuring thread, after a
 * long warm-up (the JIT needs several seconds on a shared machine before planning code is
 * compiled), plus planning the {@code authorize} question of {@link SqlAuthorizeBenchmark} from
 * scratch (no plan cache) for comparison. Prints microseconds of CPU per operation, best of five
 * rounds.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.osoj.benchmarks.PlanningCpuProbe}.
 */
public final class PlanningCpuProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PlanningCpuProbe() {}

  /**
   * Runs the probe.
   *
   * @param args optional: operations per round (default 20,000)
   */
  public static void main(String[] args) throws Exception {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    PlanningBenchmark bench = new PlanningBenchmark();
    bench.setUp();
    Program program = PolicyLoader.load(SqlSchema.resource("gitclub-sql.polar"));
    FactSources table = FactSources.factTable("osoj_facts");
    Value user = new Value("User", "42");
    IntFunction<Object> fresh =
        i ->
            new Planner(program, table, 0)
                .plan(
                    "allow",
                    List.of(
                        new Planner.Arg.Bound(new Value("User", Integer.toString(i & 63))),
                        new Planner.Arg.Bound(Value.of("read")),
                        new Planner.Arg.Bound(new Value("Repository", Integer.toString(i)))));
    IntFunction<Object> freshRendered =
        i -> SqlRenderer.bound(SqlDialect.POSTGRES).exists((dev.osoj.sql.Plan) fresh.apply(i), "a");
    report("listFilter (plan only)", i -> bench.listFilterPlan(), ops);
    report("listFilter + toSql", i -> bench.listFilterToSql(), ops);
    report("listFilter + toSql(FilterTarget)", i -> bench.listFilterToSqlOnTable(), ops);
    report("listLocal", i -> bench.listLocal(), ops);
    report("authorizeLocal", i -> bench.authorizeLocal(), ops);
    report("authorize plan, no cache", fresh, ops / 4);
    report("authorize plan + render, no cache", freshRendered, ops / 4);
    bench.tearDown();
    if (user.hashCode() == 0) {
      throw new AssertionError();
    }
  }

  private static void report(String name, IntFunction<Object> op, int ops) {
    for (int warm = 0; warm < 10; warm++) {
      run(op, ops);
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      run(op, ops);
      best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - start) / 1000.0 / ops);
    }
    System.out.printf("%-36s %8.1f us CPU/op%n", name, best);
  }

  private static void run(IntFunction<Object> op, int ops) {
    int sink = 0;
    for (int i = 0; i < ops; i++) {
      sink += System.identityHashCode(op.apply(i)) & 1;
    }
    if (sink < 0) {
      throw new AssertionError();
    }
  }
}
