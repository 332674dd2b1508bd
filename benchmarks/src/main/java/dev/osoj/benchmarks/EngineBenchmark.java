package dev.osoj.benchmarks;

import dev.osoj.Oso;
import dev.osoj.Value;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The embedded engine on a GitClub data set of about one million facts ({@link GitClub#million}):
 * single-thread {@code authorize} throughput against a hand-written Java check over the same data,
 * {@code list} of a typical user's repositories, and {@code actions}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EngineBenchmark -f 1 -wi 2 -i 3 -w 1s
 * -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
@Threads(1)
public class EngineBenchmark {
  private static final int QUERIES = 4096;

  private GitClub data;
  private Oso oso;
  private Value[] actors;
  private String[] actionNames;
  private Value[] resources;
  private int next;

  /** Loads the data set and prepares a fixed mix of questions, checked against the Java check. */
  @Setup(Level.Trial)
  public void setUp() {
    data = GitClub.million();
    oso = Oso.embedded().policy(GitClub.policy()).build();
    data.load(oso);
    Random random = new Random(7);
    actors = new Value[QUERIES];
    actionNames = new String[QUERIES];
    resources = new Value[QUERIES];
    int allowed = 0;
    for (int i = 0; i < QUERIES; i++) {
      pick(random, i);
      boolean expected = data.javaAllow(actors[i].id(), actionNames[i], resources[i]);
      if (oso.authorize(actors[i], actionNames[i], resources[i]) != expected) {
        throw new IllegalStateException(
            "engine and Java check disagree on "
                + actors[i]
                + " "
                + actionNames[i]
                + " "
                + resources[i]);
      }
      allowed += expected ? 1 : 0;
    }
    System.out.printf(
        "%n%d facts, %d of %d questions allowed%n", data.facts.size(), allowed, QUERIES);
  }

  private void pick(Random random, int i) {
    int u = 1 + random.nextInt(data.users - 1);
    actors[i] = GitClub.user(u);
    int org = random.nextInt(data.orgs);
    if (random.nextBoolean()) {
      var roles = data.orgRoles.get(actors[i].id());
      if (roles != null) {
        org = Integer.parseInt(roles.keySet().iterator().next().substring(1));
      }
    }
    Value repo = GitClub.repo(org, random.nextInt(data.reposPerOrg));
    if (random.nextBoolean()) {
      resources[i] = repo;
      actionNames[i] = GitClub.REPO_ACTIONS[random.nextInt(GitClub.REPO_ACTIONS.length)];
    } else {
      resources[i] = GitClub.issue(repo, random.nextInt(data.issuesPerRepo));
      actionNames[i] = GitClub.ISSUE_ACTIONS[random.nextInt(GitClub.ISSUE_ACTIONS.length)];
    }
  }

  /** Releases the instance. */
  @TearDown(Level.Trial)
  public void tearDown() {
    oso.close();
  }

  /** One authorize call through the public API. */
  @Benchmark
  public boolean authorize() {
    int i = next++ & (QUERIES - 1);
    return oso.authorize(actors[i], actionNames[i], resources[i]);
  }

  /** The same question answered by hand-written Java over plain maps. */
  @Benchmark
  public boolean javaCheck() {
    int i = next++ & (QUERIES - 1);
    return data.javaAllow(actors[i].id(), actionNames[i], resources[i]);
  }

  /** The repositories a typical user may read (two org memberships plus direct roles). */
  @Benchmark
  public List<String> listRepositories() {
    int i = next++ & (QUERIES - 1);
    return oso.list(actors[i], "read", "Repository");
  }

  /** The actions a user may perform on a repository or an issue. */
  @Benchmark
  public List<String> actions() {
    int i = next++ & (QUERIES - 1);
    return oso.actions(actors[i], resources[i]);
  }
}
