package dev.osoj.benchmarks;

import dev.osoj.Fact;
import dev.osoj.spi.FactChange;
import dev.osoj.store.MemoryFactStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the heap held by a {@link MemoryFactStore} with the GitClub data set, per fact: heap in
 * use after loading (data generator dropped, full GC) minus heap in use before generating. The
 * figure includes the interned {@link dev.osoj.Value} objects and their id strings.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.osoj.benchmarks.MemoryProbe}.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  /**
   * Runs the probe and prints bytes per fact.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    long before = usedAfterGc();
    MemoryFactStore store = new MemoryFactStore();
    long facts = fill(store);
    long after = usedAfterGc();
    System.out.printf(
        "%d facts, %.1f MB, %.1f bytes per fact%n",
        store.size(), (after - before) / 1e6, (after - before) / (double) facts);
  }

  private static long fill(MemoryFactStore store) {
    GitClub data = GitClub.million();
    List<Fact> facts = data.facts;
    int batch = 10_000;
    for (int from = 0; from < facts.size(); from += batch) {
      List<FactChange> changes = new ArrayList<>();
      for (Fact f : facts.subList(from, Math.min(facts.size(), from + batch))) {
        changes.add(new FactChange.Insert(f));
      }
      store.apply(changes);
    }
    return facts.size();
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
