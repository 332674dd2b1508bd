package dev.osoj.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntPredicate;

/**
 * Measures the same questions as {@link EngineBenchmark} in CPU time of the measuring thread rather
 * than wall-clock time, so that figures stay meaningful on a machine shared with other work: it
 * reports operations per CPU-second of one thread.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.osoj.benchmarks.CpuTimeProbe}.
 */
public final class CpuTimeProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimeProbe() {}

  /**
   * Runs the probe.
   *
   * @param args optional: number of measured operations per kind (default 2,000,000)
   */
  public static void main(String[] args) {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    EngineBenchmark bench = new EngineBenchmark();
    bench.setUp();
    IntPredicate engine = i -> bench.authorize();
    IntPredicate java = i -> bench.javaCheck();
    IntPredicate list = i -> !bench.listRepositories().isEmpty();
    IntPredicate actions = i -> !bench.actions().isEmpty();
    for (int round = 0; round < 3; round++) {
      run(engine, ops / 4);
      run(java, ops / 4);
    }
    double authorize = perCpuSecond(engine, ops);
    double javaCheck = perCpuSecond(java, ops);
    run(list, 2000);
    double lists = perCpuSecond(list, 20_000);
    run(actions, 20_000);
    double actionsRate = perCpuSecond(actions, 100_000);
    System.out.printf(
        "authorize %.0f ops/cpu-s, java check %.0f ops/cpu-s, ratio %.2f%n",
        authorize, javaCheck, javaCheck / authorize);
    System.out.printf("list %.0f ops/cpu-s, actions %.0f ops/cpu-s%n", lists, actionsRate);
    bench.tearDown();
  }

  private static int run(IntPredicate op, int n) {
    int yes = 0;
    for (int i = 0; i < n; i++) {
      yes += op.test(i) ? 1 : 0;
    }
    return yes;
  }

  private static double perCpuSecond(IntPredicate op, int n) {
    long start = THREADS.getCurrentThreadCpuTime();
    int sink = run(op, n);
    long cpu = THREADS.getCurrentThreadCpuTime() - start;
    if (sink < 0) {
      throw new AssertionError();
    }
    return n / (cpu / 1e9);
  }
}
