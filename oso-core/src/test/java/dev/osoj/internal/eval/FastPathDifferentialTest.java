package dev.osoj.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Value;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.polar.PolicySource;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.spi.FactChange;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The unfolded {@code authorize} fast path against the solver: generated policies (role
 * implication, roles through relations, global roles, wildcard heads, {@code matches}, {@code =},
 * {@code in}, an extra {@code allow} rule — and, for the fallback, recursion, negation and
 * comparisons) over generated facts, including ill-typed ones. For every actor, action and resource
 * of the data (and a few the store does not hold) the fast path either declines or gives the
 * solver's answer.
 */
class FastPathDifferentialTest {
  private static final List<Value> ACTORS =
      List.of(user("u1"), user("u2"), user("u3"), bot("b1"), user("ghost"));
  private static final List<String> ACTIONS = List.of("read", "write", "delete", "fly");
  private static final List<Value> RESOURCES =
      List.of(
          org("o1"),
          org("o2"),
          org("o3"),
          repo("r1"),
          repo("r2"),
          repo("r3"),
          repo("ghost"),
          user("u1"));

  /** Optional parts of a generated policy; one bit each. */
  enum Part {
    ORG_IMPLIES("Org", "  \"member\" if \"admin\";\n"),
    ORG_GLOBAL("Org", "  \"admin\" if global \"root\";\n"),
    ORG_RECURSION("Org", "  \"member\" if \"member\" on \"parent\";\n"),
    ORG_PUBLIC("Org", "  \"read\" if is_public(resource);\n"),
    REPO_IMPLIES("Repo", "  \"reader\" if \"writer\";\n"),
    REPO_FROM_ORG("Repo", "  \"reader\" if \"member\" on \"org\";\n"),
    REPO_ADMIN_FROM_ORG("Repo", "  \"writer\" if \"admin\" on \"org\";\n"),
    REPO_DELETE("Repo", "  \"delete\" if \"admin\" on \"org\";\n"),
    REPO_GLOBAL("Repo", "  \"reader\" if global \"auditor\";\n"),
    NEGATION(
        null,
        "has_permission(u: User, \"write\", o: Org) if\n"
            + "  has_role(u, \"member\", o) and not is_frozen(o);\n"),
    COMPARISON(
        null,
        "has_permission(u: User, \"read\", o: Org) if\n"
            + "  n matches Integer and clearance(u, n) and\n"
            + "  m matches Integer and level(o, m) and n >= m;\n"),
    IN_LIST(
        null,
        "has_permission(u: User, \"read\", r: Repo) if\n"
            + "  s matches String and status(r, s) and s in [\"open\", \"shared\"];\n"),
    MATCHES(
        null,
        "has_permission(a: Actor, \"delete\", r: Repo) if\n"
            + "  o matches Org and has_relation(r, \"org\", o) and is_public(o);\n"),
    WILDCARD(null, "has_role(_: Bot, \"reader\", _: Repo);\n"),
    UNIFY(
        null,
        "has_permission(u: User, \"write\", r: Repo) if\n"
            + "  o matches User and has_relation(r, \"owner\", o) and o = u;\n"),
    SELF_LOOP(
        null,
        "has_permission(u: User, \"write\", o: Org) if\n"
            + "  has_role(u, \"admin\", o) and x matches Org and has_relation(x, \"parent\", x);\n"),
    EXTRA_ALLOW(
        null,
        "allow(b: Bot, \"read\", o: Org) if is_public(o);\n"
            + "allow(actor, action, resource) if has_permission(actor, action, resource);\n");

    final String block;
    final String text;

    Part(String block, String text) {
      this.block = block;
      this.text = text;
    }
  }

  record Features(int bits) {
    boolean has(Part part) {
      return (bits & (1 << part.ordinal())) != 0;
    }

    String policy() {
      StringBuilder p = new StringBuilder("actor User {}\nactor Bot {}\n");
      p.append("global { roles = [\"root\", \"auditor\"]; }\n");
      p.append("resource Org {\n  roles = [\"member\", \"admin\"];\n");
      p.append("  permissions = [\"read\", \"write\"];\n  relations = { parent: Org };\n");
      p.append("  \"read\" if \"member\";\n  \"write\" if \"admin\";\n");
      blockParts(p, "Org");
      p.append("}\nresource Repo {\n  roles = [\"reader\", \"writer\"];\n");
      p.append("  permissions = [\"read\", \"write\", \"delete\"];\n");
      p.append("  relations = { org: Org, owner: User };\n");
      p.append("  \"read\" if \"reader\";\n  \"write\" if \"writer\";\n");
      blockParts(p, "Repo");
      p.append("}\n");
      for (Part part : Part.values()) {
        if (part.block == null && has(part)) {
          p.append(part.text);
        }
      }
      return p.toString();
    }

    private void blockParts(StringBuilder p, String block) {
      for (Part part : Part.values()) {
        if (block.equals(part.block) && has(part)) {
          p.append(part.text);
        }
      }
    }
  }

  static Value user(String id) {
    return new Value("User", id);
  }

  static Value bot(String id) {
    return new Value("Bot", id);
  }

  static Value org(String id) {
    return new Value("Org", id);
  }

  static Value repo(String id) {
    return new Value("Repo", id);
  }

  @Provide
  Arbitrary<Features> features() {
    return Arbitraries.integers().between(0, (1 << Part.values().length) - 1).map(Features::new);
  }

  @Provide
  Arbitrary<List<Fact>> facts() {
    Arbitrary<Value> actor = Arbitraries.of(user("u1"), user("u2"), user("u3"), bot("b1"));
    Arbitrary<Value> org = Arbitraries.of("o1", "o2", "o3").map(FastPathDifferentialTest::org);
    Arbitrary<Value> repo = Arbitraries.of("r1", "r2", "r3").map(FastPathDifferentialTest::repo);
    Arbitrary<Value> any = Arbitraries.oneOf(org, repo, actor);
    Arbitrary<Value> small = Arbitraries.longs().between(0, 3).map(Value::of);
    return Arbitraries.frequencyOf(
            Tuple.of(4, role(actor, Arbitraries.of("member", "admin"), org)),
            Tuple.of(4, role(actor, Arbitraries.of("reader", "writer"), repo)),
            Tuple.of(1, role(actor, Arbitraries.of("member", "reader", "admin"), any)),
            Tuple.of(3, relation(repo, "org", org)),
            Tuple.of(2, relation(org, "parent", org)),
            Tuple.of(1, relation(repo, "owner", actor)),
            Tuple.of(1, relation(repo, "org", repo)),
            Tuple.of(
                1,
                Combinators.combine(actor, Arbitraries.of("root", "auditor"))
                    .as((u, r) -> Fact.of("has_role", u, Value.of(r)))),
            Tuple.of(1, any.map(v -> Fact.of("is_public", v))),
            Tuple.of(1, org.map(o -> Fact.of("is_frozen", o))),
            Tuple.of(1, Combinators.combine(actor, small).as((u, n) -> Fact.of("clearance", u, n))),
            Tuple.of(1, Combinators.combine(org, small).as((o, n) -> Fact.of("level", o, n))),
            Tuple.of(
                1,
                Combinators.combine(repo, Arbitraries.of("open", "shared", "closed"))
                    .as((r, s) -> Fact.of("status", r, Value.of(s)))))
        .list()
        .ofMaxSize(30);
  }

  private static Arbitrary<Fact> role(
      Arbitrary<Value> actor, Arbitrary<String> roles, Arbitrary<Value> resource) {
    return Combinators.combine(actor, roles, resource)
        .as((a, r, o) -> Fact.of("has_role", a, Value.of(r), o));
  }

  private static Arbitrary<Fact> relation(Arbitrary<Value> from, String name, Arbitrary<Value> to) {
    return Combinators.combine(from, to)
        .as((a, b) -> Fact.of("has_relation", a, Value.of(name), b));
  }

  @Property(tries = 300)
  void generated_fastPathAgreesWithSolver(
      @ForAll("features") Features features, @ForAll("facts") List<Fact> facts) {
    Program program = PolicyLoader.load(List.of(new PolicySource("gen.polar", features.policy())));
    FactDatabase db = new FactDatabase();
    db.apply(inserts(facts));
    CompiledProgram compiled = CompiledProgram.compile(program, db);
    int covered = compare(compiled, features.policy());
    // the same plans after more facts arrive and some are deleted
    db.apply(
        List.of(
            new FactChange.Insert(Fact.of("has_role", user("u3"), Value.of("admin"), org("o2")))));
    if (!facts.isEmpty()) {
      db.apply(List.of(new FactChange.Delete(dev.osoj.FactPattern.of(facts.get(0)))));
    }
    covered += compare(compiled, features.policy());
    Statistics.label("fast path").collect(covered == 0 ? "never" : "sometimes");
  }

  /** Compares every question; returns how many the fast path answered. */
  private static int compare(CompiledProgram compiled, String policy) {
    int covered = 0;
    for (Value actor : ACTORS) {
      for (String action : ACTIONS) {
        for (Value resource : RESOURCES) {
          int fast = compiled.authorizeFast(actor, action, resource);
          boolean solver;
          try (Evaluation e = compiled.open(List.of(), 0)) {
            solver = e.authorize(actor, action, resource);
          }
          if (fast >= 0) {
            covered++;
            assertThat(fast == 1)
                .as("%s %s %s under%n%s", actor, action, resource, policy)
                .isEqualTo(solver);
          }
        }
      }
    }
    return covered;
  }

  private static List<FactChange> inserts(List<Fact> facts) {
    List<FactChange> changes = new ArrayList<>();
    facts.forEach(f -> changes.add(new FactChange.Insert(f)));
    return changes;
  }

  @Test
  void nonRecursivePolicy_storedQuestions_areCovered() {
    int bits = 0;
    for (Part part : Part.values()) {
      if (part != Part.ORG_RECURSION && part != Part.NEGATION && part != Part.COMPARISON) {
        bits |= 1 << part.ordinal();
      }
    }
    Features features = new Features(bits);
    Program program = PolicyLoader.load(List.of(new PolicySource("gen.polar", features.policy())));
    FactDatabase db = new FactDatabase();
    db.apply(
        inserts(
            List.of(
                Fact.of("has_role", user("u1"), Value.of("member"), org("o1")),
                Fact.of("has_relation", repo("r1"), Value.of("org"), org("o1")),
                Fact.of("has_relation", repo("r2"), Value.of("owner"), user("u2")),
                Fact.of("status", repo("r3"), Value.of("open")),
                Fact.of("is_public", org("o2")),
                Fact.of("has_role", bot("b1"), Value.of("reader"), repo("r2")))));
    CompiledProgram compiled = CompiledProgram.compile(program, db);
    assertThat(compiled.authorizeFast(user("u1"), "read", repo("r1"))).isEqualTo(1);
    assertThat(compiled.authorizeFast(user("u2"), "write", repo("r2"))).isEqualTo(1);
    assertThat(compiled.authorizeFast(user("u1"), "write", repo("r2"))).isEqualTo(0);
    assertThat(compiled.authorizeFast(user("u2"), "read", repo("r3"))).isEqualTo(1);
    assertThat(compiled.authorizeFast(bot("b1"), "read", org("o2"))).isEqualTo(1);
    assertThat(compiled.authorizeFast(bot("b1"), "read", repo("r1"))).isEqualTo(1);
    assertThat(compiled.authorizeFast(user("u2"), "delete", repo("r1"))).isEqualTo(0);
    // covered: the 3 stored actors x the 3 actions the policy mentions x the 6 stored resources;
    // the ghosts and the action "fly" are not stored, so those questions go to the solver
    assertThat(compare(compiled, features.policy())).isEqualTo(3 * 3 * 6);
  }
}
