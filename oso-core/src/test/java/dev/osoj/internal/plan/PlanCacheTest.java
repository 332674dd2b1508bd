package dev.osoj.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.program.Program;
import dev.osoj.sql.Plan;
import dev.osoj.store.MemoryFactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cached plan, with the question's values substituted, must equal the plan built afresh for that
 * question, for every actor: including actors that rules name as constants, actors with facts held
 * in memory, questions with context facts, after a policy swap, and under a small capacity.
 */
class PlanCacheTest {
  static final String GITCLUB =
      "actor User {}\n"
          + "resource Organization {\n"
          + "  roles = [\"member\", \"admin\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  \"member\" if \"admin\";\n"
          + "  \"read\" if \"member\";\n"
          + "}\n"
          + "resource Repository {\n"
          + "  roles = [\"reader\", \"maintainer\"];\n"
          + "  permissions = [\"read\", \"push\"];\n"
          + "  relations = { organization: Organization, parent: Repository };\n"
          + "  \"reader\" if \"member\" on \"organization\";\n"
          + "  \"maintainer\" if \"admin\" on \"organization\";\n"
          + "  \"reader\" if \"maintainer\";\n"
          + "  \"reader\" if \"reader\" on \"parent\";\n"
          + "  \"read\" if \"reader\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "  \"push\" if \"maintainer\";\n"
          + "}\n";
  static final String NAMED =
      GITCLUB
          + "allow(actor, action, resource) if has_permission(actor, action, resource);\n"
          + "allow(User{\"alice\"}, \"read\", _: Repository);\n"
          + "has_permission(u: User, \"push\", r: Repository) if u = User{\"bob\"} and"
          + " is_public(r);\n";

  private final FactSources table = FactSources.factTable("facts");

  private static List<Planner.Arg> allow(Value actor, String action, Planner.Arg resource) {
    return List.of(new Planner.Arg.Bound(actor), new Planner.Arg.Bound(Value.of(action)), resource);
  }

  private static Planner.Arg bound(Value v) {
    return new Planner.Arg.Bound(v);
  }

  private static Value user(String id) {
    return new Value("User", id);
  }

  private static Value repo(String id) {
    return new Value("Repository", id);
  }

  private static List<Value> users() {
    List<Value> out = new ArrayList<>();
    for (String id : List.of("u1", "alice", "bob", "u'2", "carol", "x\u0000y", "ALICE")) {
      out.add(user(id));
    }
    return out;
  }

  private void assertSameAsFresh(
      PlanCache cache, Program p, FactSources s, List<Planner.Arg> args) {
    Plan cached = cache.plan(p, s, 0, "allow", args);
    Plan fresh = new Planner(p, s, 0).plan("allow", args);
    assertThat(cached).as("plan of %s", args).isEqualTo(fresh);
  }

  @Test
  void plan_manyActorsOverFactTable_equalsFreshPlanAndHitsTemplate() {
    Program p = PolicyLoader.load(GITCLUB);
    PlanCache cache = new PlanCache();
    for (Value u : users()) {
      for (String action : List.of("read", "push")) {
        assertSameAsFresh(cache, p, table, allow(u, action, bound(repo("r" + u.id()))));
        assertSameAsFresh(cache, p, table, allow(u, action, new Planner.Arg.Open("Repository")));
      }
    }
    assertThat(cache.size()).isEqualTo(4);
    assertThat(cache.misses()).isEqualTo(4);
    assertThat(cache.hits()).isEqualTo(users().size() * 4L - 4);
    assertThat(cache.freshPlans()).isZero();
  }

  @Test
  void plan_actorsNamedByRules_plannedAfreshOthersFromTemplate() {
    Program p = PolicyLoader.load(NAMED);
    PlanCache cache = new PlanCache();
    for (Value u : users()) {
      for (String action : List.of("read", "push")) {
        assertSameAsFresh(cache, p, table, allow(u, action, bound(repo("r1"))));
        assertSameAsFresh(cache, p, table, allow(u, action, new Planner.Arg.Open("Repository")));
      }
    }
    // alice is named by the allow rule (all her four questions), bob by the push rule (two)
    assertThat(cache.freshPlans()).isEqualTo(6);
    assertThat(cache.size()).isEqualTo(4);
    Plan alice = cache.plan(p, table, 0, "allow", allow(user("alice"), "read", bound(repo("r1"))));
    Plan carol = cache.plan(p, table, 0, "allow", allow(user("carol"), "read", bound(repo("r1"))));
    assertThat(alice).isNotEqualTo(carol);
  }

  @Test
  void plan_equalBoundValues_shareOnePlaceholder() {
    Program p =
        PolicyLoader.load(
            "actor User {}\nhas_permission(a: User, \"see\", b: User) if a = b;\n"
                + "has_permission(a: User, \"see\", b: User) if has_relation(b, \"friend\", a);\n");
    PlanCache cache = new PlanCache();
    for (String a : List.of("u1", "u2")) {
      for (String b : List.of("u1", "u2", "u3")) {
        assertSameAsFresh(cache, p, table, allow(user(a), "see", bound(user(b))));
      }
    }
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.freshPlans()).isZero();
  }

  @Test
  void plan_memoryFacts_freshForActorsWithFactsAndNeverStale() {
    Program p = PolicyLoader.load(GITCLUB);
    MemoryFactStore store = new MemoryFactStore();
    FactSources memory = FactValues.of(store);
    Fact aliceRole = Fact.of("has_role", user("alice"), Value.of("reader"), repo("r1"));
    store.insert(aliceRole);
    PlanCache cache = new PlanCache();
    for (Value u : users()) {
      assertSameAsFresh(cache, p, memory, allow(u, "read", bound(repo("r1"))));
      assertSameAsFresh(cache, p, memory, allow(u, "read", new Planner.Arg.Open("Repository")));
    }
    assertThat(cache.freshPlans()).as("alice's two questions").isEqualTo(2);
    store.insert(Fact.of("has_role", user("carol"), Value.of("reader"), repo("r1")));
    store.insert(Fact.of("is_public", repo("r2")));
    for (Value u : users()) {
      for (Value r : List.of(repo("r1"), repo("r2"), repo("r3"))) {
        assertSameAsFresh(cache, p, memory, allow(u, "read", bound(r)));
      }
      assertSameAsFresh(cache, p, memory, allow(u, "read", new Planner.Arg.Open("Repository")));
    }
    store.delete(dev.osoj.FactPattern.of(aliceRole));
    assertSameAsFresh(cache, p, memory, allow(user("alice"), "read", bound(repo("r1"))));
  }

  @Test
  void plan_contextFacts_plannedAfreshWithoutTouchingTheCache() {
    Program p = PolicyLoader.load(GITCLUB);
    PlanCache cache = new PlanCache();
    FactSources withContext = table.and(FactValues.of(List.of(Fact.of("is_public", repo("r1")))));
    assertSameAsFresh(cache, p, withContext, allow(user("u1"), "read", bound(repo("r1"))));
    assertThat(cache.size()).isZero();
    assertThat(cache.freshPlans()).isEqualTo(1);
    assertSameAsFresh(cache, p, table, allow(user("u1"), "read", bound(repo("r1"))));
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void plan_policySwap_dropsPlansOfThePreviousProgram() {
    Program before = PolicyLoader.load(GITCLUB);
    Program after = PolicyLoader.load(NAMED);
    PlanCache cache = new PlanCache();
    assertSameAsFresh(cache, before, table, allow(user("alice"), "read", bound(repo("r1"))));
    assertSameAsFresh(cache, before, table, allow(user("u1"), "push", bound(repo("r1"))));
    assertThat(cache.size()).isEqualTo(2);
    assertSameAsFresh(cache, after, table, allow(user("alice"), "read", bound(repo("r1"))));
    assertThat(cache.size()).isEqualTo(1);
    assertSameAsFresh(cache, after, table, allow(user("u1"), "read", bound(repo("r1"))));
  }

  @Test
  void plan_manyShapes_cacheStaysWithinCapacity() {
    Program p = PolicyLoader.load(GITCLUB);
    PlanCache cache = new PlanCache(3);
    for (int i = 0; i < 20; i++) {
      assertSameAsFresh(cache, p, table, allow(user("u" + i), "action" + i, bound(repo("r1"))));
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void plan_currentTime_plannedAfresh() {
    Program p =
        PolicyLoader.load(
            "actor User {}\nresource Doc { permissions = [\"read\"]; }\n"
                + "has_permission(u: User, \"read\", d: Doc) if t matches Integer and"
                + " expires(d, t) and t > @current_unix_time;\n");
    PlanCache cache = new PlanCache();
    Plan first =
        cache.plan(p, table, 100, "allow", allow(user("u"), "read", bound(new Value("Doc", "d"))));
    Plan later =
        cache.plan(p, table, 200, "allow", allow(user("u"), "read", bound(new Value("Doc", "d"))));
    assertThat(first).isNotEqualTo(later);
    assertThat(later)
        .isEqualTo(
            new Planner(p, table, 200)
                .plan("allow", allow(user("u"), "read", bound(new Value("Doc", "d")))));
    assertThat(cache.freshPlans()).isEqualTo(2);
  }

  @Test
  void planQuery_sameQueryTwice_servedFromCache() {
    Program p = PolicyLoader.load(GITCLUB);
    PlanCache cache = new PlanCache();
    Query q =
        new Query(
            List.of(new Query.Call("has_permission", List.of("u", "a", "r"))),
            Map.of(
                "u", new Query.Constraint("User", List.of("u1")),
                "a", new Query.Constraint("String", null),
                "r", new Query.Constraint("Repository", null)),
            List.of());
    Plan first = cache.plan(p, table, 0, q);
    Plan second = cache.plan(p, table, 0, q);
    assertThat(second).isEqualTo(first).isEqualTo(new Planner(p, table, 0).plan(q));
    assertThat(cache.hits()).isEqualTo(1);
  }
}
