package dev.osoj.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The ratios of {@link SqlFilterBenchmark} measured in one process on one database: the generated
 * filter's page and {@code COUNT(*)} and their hand-written counterparts run in turn, round after
 * round (all page rounds, then all count rounds; each round starts at a different query), so that
 * every query sees the same data, JIT state and machine load. JMH runs each benchmark in its own
 * fork with its own freshly built database, and on this shared machine two forks of the same query
 * differ by up to ten percent, which is as much as the target allows; the interleaved medians here
 * are the ratios to quote.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.osoj.benchmarks.SqlFilterRatioProbe H2 25} (dialect, rounds; the first three rounds are
 * warm-up).
 */
public final class SqlFilterRatioProbe {
  private static final int WARM_UP = 3;

  private SqlFilterRatioProbe() {}

  /**
   * Runs the probe.
   *
   * @param args the dialect ({@code H2} or {@code POSTGRES}, default H2) and the number of rounds
   *     (default 25)
   */
  public static void main(String[] args) throws Exception {
    SqlFilterBenchmark bench = new SqlFilterBenchmark();
    bench.dialectName = args.length > 0 ? args[0] : "H2";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    bench.setUp(); // also checks that every form returns the same rows
    bench.warmUpPlanning(100_000);
    List<Map<String, Callable<Object>>> groups = new ArrayList<>();
    Map<String, Callable<Object>> pages = new LinkedHashMap<>();
    pages.put("filterPage", bench::filterPage);
    pages.put("handPage", bench::handPage);
    pages.put("handPageRoles", bench::handPageRoles);
    pages.put("handPageJoins", bench::handPageJoins);
    groups.add(pages);
    Map<String, Callable<Object>> counts = new LinkedHashMap<>();
    counts.put("filterCount", bench::filterCount);
    counts.put("handCount", bench::handCount);
    counts.put("handCountRoles", bench::handCountRoles);
    counts.put("handCountJoins", bench::handCountJoins);
    groups.add(counts);
    Map<String, List<Long>> times = new LinkedHashMap<>();
    // all page rounds first, then all count rounds: a COUNT leaves much garbage behind, which would
    // otherwise be collected during the next page
    for (Map<String, Callable<Object>> group : groups) {
      for (int round = 0; round < rounds + WARM_UP; round++) {
        List<Map.Entry<String, Callable<Object>>> order = new ArrayList<>(group.entrySet());
        // each round starts at a different query, so none always runs first
        java.util.Collections.rotate(order, round);
        for (Map.Entry<String, Callable<Object>> q : order) {
          long start = System.nanoTime();
          q.getValue().call();
          long elapsed = System.nanoTime() - start;
          if (round >= WARM_UP) {
            times.computeIfAbsent(q.getKey(), k -> new ArrayList<>()).add(elapsed);
          }
        }
      }
    }
    bench.tearDown();
    Map<String, Double> median = new LinkedHashMap<>();
    for (Map.Entry<String, List<Long>> t : times.entrySet()) {
      long[] sorted = t.getValue().stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      median.put(t.getKey(), sorted[sorted.length / 2] / 1e6);
      System.out.printf(
          "%-16s median %9.3f ms  min %9.3f ms%n",
          t.getKey(), sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6);
    }
    System.out.printf(
        "%s, %d rounds, filter / hand-written: page %.2f (with role tests %.2f, as joins %.2f),"
            + " COUNT %.2f (with role tests %.2f, as joins %.2f)%n",
        bench.dialectName,
        rounds,
        median.get("filterPage") / median.get("handPage"),
        median.get("filterPage") / median.get("handPageRoles"),
        median.get("filterPage") / median.get("handPageJoins"),
        median.get("filterCount") / median.get("handCount"),
        median.get("filterCount") / median.get("handCountRoles"),
        median.get("filterCount") / median.get("handCountJoins"));
  }
}
