package dev.osoj.benchmarks;

import dev.osoj.internal.polar.Parser;
import dev.osoj.internal.polar.PolicySource;
import dev.osoj.internal.polar.ast.PolicyFile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to lex and parse a large policy (target: a 10,000-line policy parses and checks in well
 * under 200 ms). The policy is generated: resource blocks with roles, relations and shorthand
 * rules, ordinary rules with typed heads and mixed bodies, and test blocks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParserBenchmark {
  @Param({"10000"})
  public int lines;

  private PolicySource source;

  @Setup
  public void generate() {
    source = new PolicySource("large.polar", largePolicy(lines));
  }

  /**
   * Returns a generated policy of about {@code lines} lines.
   *
   * @param lines the wanted number of lines
   * @return the policy text
   */
  public static String largePolicy(int lines) {
    StringBuilder sb = new StringBuilder(lines * 40);
    sb.append("actor User {}\n");
    int written = 1;
    for (int i = 0; written < lines; i++) {
      StringBuilder chunk = new StringBuilder();
      appendChunk(chunk, i);
      written += countLines(chunk);
      sb.append(chunk);
    }
    return sb.toString();
  }

  private static int countLines(StringBuilder sb) {
    int n = 0;
    for (int k = 0; k < sb.length(); k++) {
      if (sb.charAt(k) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static void appendChunk(StringBuilder sb, int i) {
    String t = "Res" + i;
    sb.append("resource ")
        .append(t)
        .append(" {\n")
        .append("  roles = [\"reader\", \"writer\", \"admin\"];\n")
        .append("  permissions = [\"read\", \"write\", \"delete\"];\n")
        .append("  relations = { parent: ")
        .append(t)
        .append(", owner: User };\n")
        .append("  \"reader\" if \"writer\";\n")
        .append("  \"writer\" if \"admin\" or \"owner\";\n")
        .append("  role if role on \"parent\";\n")
        .append("  \"read\" if \"reader\" and is_public(resource, true);\n")
        .append("  \"delete\" if \"admin\" on \"parent\";\n")
        .append("}\n")
        .append("has_permission(u: User, \"read\", r: ")
        .append(t)
        .append(") if\n")
        .append("  until matches Integer and grant_until(u, r, until) and\n")
        .append("  until > @current_unix_time and not is_banned(u) and\n")
        .append("  tag in [\"a\", \"b\", \"c\"] and has_tag(r, tag);\n")
        .append("# a comment line between items\n")
        .append("test \"t")
        .append(i)
        .append("\" {\n")
        .append("  setup { has_role(User{\"a\"}, \"admin\", ")
        .append(t)
        .append("{\"x\"}); }\n")
        .append("  assert allow(User{\"a\"}, \"delete\", ")
        .append(t)
        .append("{\"x\"});\n")
        .append("}\n");
  }

  /**
   * Lexes and parses the whole policy.
   *
   * @return the tree, so the work is not optimised away
   */
  @Benchmark
  public PolicyFile parse() {
    return Parser.parse(source);
  }
}
