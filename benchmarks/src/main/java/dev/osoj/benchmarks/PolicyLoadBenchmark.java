package dev.osoj.benchmarks;

import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.polar.PolicySource;
import dev.osoj.internal.program.Program;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsing and checking a large generated policy: the front end's cost when a policy is loaded or
 * replaced. Target: under 200 ms for 10,000 lines.
 *
 * <p>The policy is a chain of resource blocks, each with roles, permissions, relations to the
 * previous block and to the user, role implication, {@code on} rules, a variable form ({@code role
 * if role on "parent"}), a call with {@code or}, a user rule with {@code matches} and {@code not},
 * and a test block with a fixture every tenth block, so every stage of the loader does real work.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PolicyLoadBenchmark -f 1 -wi 2 -i 3 -w
 * 1s -r 1s}. On a loaded machine also run {@link #main} ({@code java -cp
 * benchmarks/target/benchmarks.jar dev.osoj.benchmarks.PolicyLoadBenchmark}) for the CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyLoadBenchmark {
  /** Approximate number of lines of the generated policy. */
  @Param({"10000"})
  public int lines;

  private static final Logger logger = LoggerFactory.getLogger(PolicyLoadBenchmark.class);

  private List<PolicySource> sources = List.of();

  /** Generates the policy once per trial. */
  @Setup
  public void generate() {
    sources = List.of(new PolicySource("generated.polar", generate(lines)));
  }

  /**
   * Parses and checks the generated policy.
   *
   * @return the program, so the work is not eliminated
   */
  @Benchmark
  public Program load() {
    return PolicyLoader.load(sources);
  }

  /**
   * Measures the CPU time of one load on the calling thread, which unlike wall-clock time does not
   * grow when other processes share the machine. Runs 30 warm-up loads, then logs the mean CPU time
   * of the next 30.
   *
   * @param args optional line count (default 10,000)
   */
  public static void main(String[] args) {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    List<PolicySource> sources = List.of(new PolicySource("generated.polar", generate(lines)));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (int i = 0; i < 60; i++) {
      long start = threads.getCurrentThreadCpuTime();
      PolicyLoader.load(sources);
      if (i >= 30) {
        total += threads.getCurrentThreadCpuTime() - start;
      }
    }
    logger.info(
        "loading a {}-line policy takes {} ms of CPU time per load (mean of 30 after warm-up)",
        lines,
        String.format(Locale.ROOT, "%.1f", total / 30 / 1e6));
  }

  /**
   * Returns a valid policy of about {@code lines} lines.
   *
   * @param lines the target line count
   * @return the policy text
   */
  public static String generate(int lines) {
    StringBuilder out = new StringBuilder(lines * 48);
    out.append("actor User {}\nactor Team {}\n\n");
    int count = 2;
    for (int i = 0; count < lines; i++) {
      count += block(out, i);
      count += userRule(out, i);
      if (i % 10 == 9) {
        count += test(out, i);
      }
    }
    return out.toString();
  }

  private static int block(StringBuilder out, int i) {
    String parent = i == 0 ? "User" : "T" + (i - 1);
    out.append("resource T")
        .append(i)
        .append(" {\n")
        .append("  roles = [\"reader\", \"writer\", \"admin\"];\n")
        .append("  permissions = [\"read\", \"write\", \"delete\"];\n")
        .append("  relations = { parent: ")
        .append(parent)
        .append(", owner: User };\n")
        .append("  \"read\" if \"reader\";\n")
        .append("  \"write\" if \"writer\";\n")
        .append("  \"delete\" if \"admin\";\n")
        .append("  \"reader\" if \"writer\";\n")
        .append("  \"writer\" if \"admin\";\n")
        .append("  \"admin\" if \"owner\";\n");
    if (i > 0) {
      out.append("  role if role on \"parent\";\n")
          .append("  \"read\" if is_public(resource, true) or \"read\" on \"parent\";\n");
    } else {
      out.append("  \"read\" if is_public(resource, true);\n").append("\n");
    }
    out.append("}\n\n");
    return 14;
  }

  private static int userRule(StringBuilder out, int i) {
    out.append("has_permission(user: User, \"audit\", r: T")
        .append(i)
        .append(") if\n")
        .append("  team matches Team and\n")
        .append("  member_of(user, team) and\n")
        .append("  has_role(team, \"admin\", r) and\n")
        .append("  not is_suspended(user);\n\n");
    return 6;
  }

  private static int test(StringBuilder out, int i) {
    out.append("test fixture f")
        .append(i)
        .append(" {\n")
        .append("  has_role(User{\"u\"}, \"admin\", T")
        .append(i)
        .append("{\"a\"});\n")
        .append("  has_relation(T")
        .append(i)
        .append("{\"b\"}, \"parent\", T")
        .append(i - 1)
        .append("{\"a\"});\n")
        .append("}\n")
        .append("test \"block ")
        .append(i)
        .append("\" {\n")
        .append("  setup { fixture f")
        .append(i)
        .append("; }\n")
        .append("  assert allow(User{\"u\"}, \"delete\", T")
        .append(i)
        .append("{\"a\"});\n")
        .append("  assert allow(User{\"u\"}, action: String, T")
        .append(i)
        .append("{\"a\"})\n")
        .append("    iff action in [\"read\", \"write\", \"delete\"];\n")
        .append("}\n\n");
    return 12;
  }
}
