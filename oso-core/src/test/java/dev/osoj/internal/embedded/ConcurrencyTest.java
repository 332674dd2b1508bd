package dev.osoj.internal.embedded;

import static dev.osoj.internal.embedded.WorkedExamplesTest.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Writers and readers in parallel: no lost write, no torn batch, atomic policy swaps. */
class ConcurrencyTest {
  private static final int WRITERS = 3;
  private static final int BATCHES = 300;

  private static Fact role(String user, String role, String workspace) {
    return Fact.of(
        "has_role", new Value("User", user), Value.of(role), new Value("Workspace", workspace));
  }

  @Test
  void batchesAndReaders_inParallel_noTornReadNoLostWrite() throws Exception {
    try (Oso oso = Oso.embedded().policy(WorkedExamplesTest.A).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
      // the writers start once both readers are reading, so that reads overlap the writes even
      // when the writers would otherwise finish before a reader is scheduled
      CountDownLatch reading = new CountDownLatch(2);
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong torn = new AtomicLong();
      AtomicLong reads = new AtomicLong();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        String user = "writer" + w;
        writers.add(pool.submit(() -> writePairs(oso, user, reading)));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> readPairs(oso, reading, done, torn, reads)));
      }
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(torn.get()).isZero();
      assertThat(reads.get()).isPositive();
      for (int w = 0; w < WRITERS; w++) {
        assertThat(oso.list(v("User:writer" + w), "view", "Workspace")).hasSize(2 * BATCHES);
      }
    }
  }

  /** Each batch inserts a pair: an owner role and a guest role for the same user. */
  private static Void writePairs(Oso oso, String user, CountDownLatch reading) throws Exception {
    reading.await();
    for (int i = 0; i < BATCHES; i++) {
      String n = Integer.toString(i);
      oso.batch(
          tx -> {
            tx.insert(role(user, "owner", "a" + n));
            tx.insert(role(user, "guest", "b" + n));
          });
    }
    return null;
  }

  /** Readers count owner facts and guest facts of every writer in one question: always equal. */
  private static Void readPairs(
      Oso oso, CountDownLatch reading, AtomicBoolean done, AtomicLong torn, AtomicLong reads) {
    boolean first = true;
    while (first || !done.get()) {
      for (int w = 0; w < WRITERS; w++) {
        List<String> visible = oso.list(v("User:writer" + w), "view", "Workspace");
        long owners = visible.stream().filter(id -> id.startsWith("a")).count();
        long guests = visible.size() - owners;
        if (owners != guests) {
          torn.incrementAndGet();
        }
        reads.incrementAndGet();
      }
      if (first) {
        reading.countDown();
        first = false;
      }
    }
    return null;
  }

  @Test
  void policySwap_underLoad_everyAnswerFromOnePolicy() throws Exception {
    String allowView = WorkedExamplesTest.A;
    String denyView = WorkedExamplesTest.A.replace("\"view\" if \"guest\";", "");
    // under denyView the editor keeps "edit" only; anything else would mix two policies
    try (Oso oso = Oso.embedded().policy(allowView).build()) {
      oso.insert(role("u", "guest", "w"));
      oso.insert(role("u", "editor", "w"));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong answers = new AtomicLong();
      CountDownLatch reading = new CountDownLatch(1);
      List<List<String>> inconsistent = java.util.Collections.synchronizedList(new ArrayList<>());
      Future<?> reader =
          pool.submit(
              () -> {
                while (!done.get()) {
                  List<String> actions = oso.actions(v("User:u"), v("Workspace:w"));
                  if (!actions.equals(List.of("edit", "view"))
                      && !actions.equals(List.of("edit"))) {
                    inconsistent.add(actions);
                  }
                  answers.incrementAndGet();
                  reading.countDown();
                }
                return null;
              });
      // the swaps start only once the reader is running, so they overlap its questions
      assertThat(reading.await(60, TimeUnit.SECONDS)).isTrue();
      long before = answers.get();
      // at least 40 swaps, and as many as it takes for 40 questions to overlap them
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int i = 0; i < 40 || answers.get() - before < 40; i++) {
        assertThat(System.nanoTime() - deadline).isNegative();
        oso.policy(i % 2 == 0 ? denyView : allowView);
      }
      done.set(true);
      reader.get(60, TimeUnit.SECONDS);
      pool.shutdown();

      assertThat(inconsistent).isEmpty();
      assertThat(
              oso.get(
                  FactPattern.of("has_role", ValuePattern.ANY, ValuePattern.ANY, ValuePattern.ANY)))
          .hasSize(2);
    }
  }
}
