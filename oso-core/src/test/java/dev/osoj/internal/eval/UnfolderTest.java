package dev.osoj.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.Value;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.polar.PolicySource;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.spi.FactChange;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which rules the unfolding of {@code allow} keeps, when it declines, and plans across writes. */
class UnfolderTest {
  private static final String BASE =
      "actor User {}\n"
          + "global { roles = [\"root\"]; }\n"
          + "resource Org {\n"
          + "  roles = [\"member\", \"admin\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  \"member\" if \"admin\";\n"
          + "  \"admin\" if global \"root\";\n"
          + "  \"read\" if \"member\";\n"
          + "}\n"
          + "resource Repo {\n"
          + "  roles = [\"reader\", \"writer\", \"owner\"];\n"
          + "  permissions = [\"read\", \"push\", \"delete\"];\n"
          + "  relations = { org: Org };\n"
          + "  \"writer\" if \"owner\";\n"
          + "  \"reader\" if \"writer\";\n"
          + "  \"reader\" if \"member\" on \"org\";\n"
          + "  \"owner\" if \"admin\" on \"org\";\n"
          + "  \"read\" if \"reader\";\n"
          + "  \"push\" if \"writer\";\n"
          + "  \"delete\" if \"owner\";\n"
          + "}\n";

  private static Value user(String id) {
    return new Value("User", id);
  }

  private static Value repo(String id) {
    return new Value("Repo", id);
  }

  private static Value org(String id) {
    return new Value("Org", id);
  }

  private static CompiledProgram compile(String policy, FactDatabase db) {
    return CompiledProgram.compile(
        PolicyLoader.load(List.of(new PolicySource("t.polar", policy))), db);
  }

  private static FactDatabase db(Fact... facts) {
    FactDatabase db = new FactDatabase();
    List<FactChange> changes = new ArrayList<>();
    for (Fact f : facts) {
      changes.add(new FactChange.Insert(f));
    }
    db.apply(changes);
    return db;
  }

  private static @Nullable FastPlan plan(
      CompiledProgram c, String actor, String action, String res) {
    var values = c.database().values();
    return new FastAuthorizer(c)
        .plan(values.findType(actor), c.policyString(action), values.findType(res));
  }

  @Test
  void unfold_push_keepsOnlyRolesImplyingPush() {
    CompiledProgram c = compile(BASE, db());
    FastPlan plan = plan(c, "User", "push", "Repo");
    assertThat(plan).isNotNull();
    String text = plan.toString();
    // the direct roles implying push become one lookup with a set of roles
    assertThat(text).contains("{'writer'|'owner'}");
    // owner through the organization's admin role, and admin through the global root role
    assertThat(text).contains("'org', +v2").contains("'admin', v2").contains("'root'");
    // rules for other permissions and for reader are dropped
    assertThat(text).doesNotContain("reader").doesNotContain("member").doesNotContain("delete");
  }

  @Test
  void unfold_actionNoRuleMentions_hasOnlyStoredLookups() {
    CompiledProgram c = compile(BASE, db(Fact.of("has_role", user("u"), Value.of("fly"))));
    int fly = c.database().values().find(Value.of("fly"));
    var values = c.database().values();
    FastPlan plan =
        new FastAuthorizer(c).plan(values.findType("User"), fly, values.findType("Repo"));
    assertThat(plan).isNotNull();
    // allow and has_permission as stored facts, nothing else
    assertThat(plan.toString().lines().filter(l -> l.contains("'fly'")).count()).isEqualTo(2);
    assertThat(plan.toString()).doesNotContain("reader");
  }

  @Test
  void unfold_typeMismatch_dropsRules() {
    CompiledProgram c = compile(BASE, db());
    FastPlan plan = plan(c, "User", "read", "Org");
    assertThat(plan).isNotNull();
    assertThat(plan.toString()).contains("member").doesNotContain("reader").doesNotContain("org'");
  }

  @Test
  void unfold_recursion_declines() {
    String policy =
        BASE.replace(
                "\"reader\" if \"writer\";",
                "\"reader\" if \"writer\";\n" + "  \"reader\" if \"reader\" on \"org\";")
            .replace("relations = { org: Org };", "relations = { org: Repo };")
            .replace("\"reader\" if \"member\" on \"org\";\n", "")
            .replace("\"owner\" if \"admin\" on \"org\";\n", "");
    CompiledProgram c = compile(policy, db());
    assertThat(plan(c, "User", "read", "Repo")).isNull();
    // push does not reach the recursive rule
    assertThat(plan(c, "User", "push", "Repo")).isNotNull();
  }

  @Test
  void unfold_negationComparisonAndClock_decline() {
    String policy =
        BASE
            + "has_permission(u: User, \"read\", r: Repo) if has_role(u, \"reader\", r) and not is_banned(u);\n"
            + "has_permission(u: User, \"push\", r: Repo) if n matches Integer and quota(u, n)"
            + " and n > 3 and is_public(r);\n"
            + "has_permission(u: User, \"delete\", r: Repo) if t matches Integer and"
            + " expires(r, t) and t > @current_unix_time and has_role(u, \"owner\", r);\n";
    CompiledProgram c = compile(policy, db());
    assertThat(plan(c, "User", "read", "Repo")).isNull();
    assertThat(plan(c, "User", "push", "Repo")).isNull();
    assertThat(plan(c, "User", "delete", "Repo")).isNull();
    // an organization question does not reach those rules
    assertThat(plan(c, "User", "read", "Org")).isNotNull();
  }

  @Test
  void unfold_actorFixedToConstant_declines() {
    String policy = BASE + "has_permission(u: User, \"read\", r: Repo) if u = User{\"root\"};\n";
    CompiledProgram c = compile(policy, db());
    assertThat(plan(c, "User", "read", "Repo")).isNull();
  }

  @Test
  void authorizeFast_valuesStoredAfterCompilation_areAnsweredOnceStored() {
    String policy =
        BASE + "has_permission(u: User, action: String, r: Repo) if grant(u, action, r);\n";
    FactDatabase db = db();
    CompiledProgram c = compile(policy, db);
    // neither the action "fly" nor the actor is stored yet: the solver answers
    assertThat(c.authorizeFast(user("ann"), "fly", repo("r1"))).isEqualTo(-1);
    try (Evaluation e = c.open(List.of(), 0)) {
      assertThat(e.authorize(user("ann"), "fly", repo("r1"))).isFalse();
    }
    db.apply(
        List.of(new FactChange.Insert(Fact.of("grant", user("ann"), Value.of("fly"), repo("r1")))));
    assertThat(c.authorizeFast(user("ann"), "fly", repo("r1"))).isEqualTo(1);
    assertThat(c.authorizeFast(user("ann"), "fly", repo("r2"))).isEqualTo(-1);
    db.apply(
        List.of(
            new FactChange.Insert(Fact.of("has_relation", repo("r2"), Value.of("org"), org("o")))));
    assertThat(c.authorizeFast(user("ann"), "fly", repo("r2"))).isEqualTo(0);
  }

  @Test
  void authorizeFast_planBuiltBeforeWrites_seesInsertsAndDeletes() {
    FactDatabase db =
        db(
            Fact.of("has_relation", repo("r1"), Value.of("org"), org("o1")),
            Fact.of("has_role", user("bob"), Value.of("member"), org("o2")));
    CompiledProgram c = compile(BASE, db);
    assertThat(c.authorizeFast(user("bob"), "read", repo("r1"))).isEqualTo(0);
    Fact member = Fact.of("has_role", user("bob"), Value.of("member"), org("o1"));
    db.apply(List.of(new FactChange.Insert(member)));
    assertThat(c.authorizeFast(user("bob"), "read", repo("r1"))).isEqualTo(1);
    assertThat(c.authorizeFast(user("bob"), "push", repo("r1"))).isEqualTo(0);
    db.apply(List.of(new FactChange.Delete(FactPattern.of(member))));
    assertThat(c.authorizeFast(user("bob"), "read", repo("r1"))).isEqualTo(0);
    db.apply(List.of(new FactChange.Insert(Fact.of("has_role", user("bob"), Value.of("root")))));
    assertThat(c.authorizeFast(user("bob"), "push", repo("r1"))).isEqualTo(1);
  }

  @Test
  void authorizeFast_variableTwiceInOneLookup_requiresEqualValues() {
    String policy =
        BASE
            + "has_permission(u: User, \"push\", r: Repo) if\n"
            + "  has_role(u, \"reader\", r) and x matches Org and has_relation(x, \"org\", x);\n";
    FactDatabase db =
        db(
            Fact.of("has_role", user("ann"), Value.of("reader"), repo("r1")),
            Fact.of("has_relation", org("o2"), Value.of("org"), org("o3")));
    CompiledProgram c = compile(policy, db);
    assertThat(plan(c, "User", "push", "Repo").toString()).contains("=#0");
    assertThat(c.authorizeFast(user("ann"), "push", repo("r1"))).isEqualTo(0);
    db.apply(
        List.of(
            new FactChange.Insert(Fact.of("has_relation", org("o3"), Value.of("org"), org("o3")))));
    assertThat(c.authorizeFast(user("ann"), "push", repo("r1"))).isEqualTo(1);
  }
}
