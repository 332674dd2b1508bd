package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.store.JdbcFactStore;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Questions answered in SQL through {@link JdbcFactStore}, whose plans and statements are cached
 * per question shape, agree with the in-memory evaluator for many actors in a row: actors that
 * rules name as constants (in a head, in a unification, in a comparison), actors with and without
 * facts, equal actor and resource, context facts, recursion and negation, and after a policy swap
 * on the same instance.
 */
class PlanCacheSqlTest {
  static final String POLICY =
      "actor User {}\n"
          + "resource Org {\n"
          + "  roles = [\"member\", \"admin\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  \"member\" if \"admin\";\n"
          + "  \"read\" if \"member\";\n"
          + "}\n"
          + "resource Repo {\n"
          + "  roles = [\"reader\", \"maintainer\"];\n"
          + "  permissions = [\"read\", \"push\"];\n"
          + "  relations = { org: Org, parent: Repo };\n"
          + "  \"reader\" if \"member\" on \"org\";\n"
          + "  \"maintainer\" if \"admin\" on \"org\";\n"
          + "  \"reader\" if \"maintainer\";\n"
          + "  \"reader\" if \"reader\" on \"parent\";\n"
          + "  \"read\" if \"reader\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "  \"push\" if \"maintainer\";\n"
          + "}\n"
          + "allow(actor, action, resource) if has_permission(actor, action, resource);\n"
          + "allow(User{\"alice\"}, \"read\", _: Repo);\n"
          + "has_permission(u: User, \"push\", r: Repo) if u = User{\"bob\"} and is_public(r);\n"
          + "has_permission(u: User, \"read\", v: User) if u = v;\n"
          + "has_permission(u: User, \"read\", v: User) if u != User{\"bob\"} and is_public(v);\n"
          + "has_permission(u: User, \"push\", r: Repo) if has_role(u, \"reader\", r) and"
          + " not is_frozen(r);\n";
  static final String SWAPPED =
      "actor User {}\n"
          + "resource Repo {\n"
          + "  roles = [\"reader\"];\n"
          + "  permissions = [\"read\", \"push\"];\n"
          + "  \"read\" if \"reader\";\n"
          + "}\n"
          + "allow(User{\"carol\"}, \"push\", _: Repo);\n"
          + "allow(actor, action, resource) if has_permission(actor, action, resource);\n";
  static final List<String> USERS = List.of("u1", "u2", "alice", "bob", "carol", "o'brien");
  static final List<String> REPOS = List.of("r1", "r2", "r3", "r4");

  static List<Fact> facts() {
    return List.of(
        Fact.of("has_role", user("u1"), Value.of("member"), new Value("Org", "o1")),
        Fact.of("has_role", user("u2"), Value.of("admin"), new Value("Org", "o2")),
        Fact.of("has_role", user("carol"), Value.of("reader"), repo("r1")),
        Fact.of("has_role", user("o'brien"), Value.of("maintainer"), repo("r4")),
        Fact.of("has_relation", repo("r1"), Value.of("org"), new Value("Org", "o1")),
        Fact.of("has_relation", repo("r2"), Value.of("org"), new Value("Org", "o2")),
        Fact.of("has_relation", repo("r3"), Value.of("parent"), repo("r1")),
        Fact.of("is_public", repo("r2")),
        Fact.of("is_public", user("u2")),
        Fact.of("is_frozen", repo("r3")));
  }

  static Value user(String id) {
    return new Value("User", id);
  }

  static Value repo(String id) {
    return new Value("Repo", id);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void questions_manyActorsAndPolicySwap_agreeWithEvaluator(SqlDialect dialect) {
    JdbcFactStore store = new JdbcFactStore(TestDatabases.of(dialect), dialect);
    try (Oso sql = Oso.embedded().policy(POLICY).factStore(store).build();
        Oso memory = Oso.embedded().policy(POLICY).build()) {
      sql.batch(tx -> facts().forEach(tx::insert));
      memory.batch(tx -> facts().forEach(tx::insert));
      compareAll(sql, memory, List.of());
      // the same shapes again, now with context facts: planned afresh, then cached shapes again
      compareAll(
          sql, memory, List.of(Fact.of("has_role", user("u2"), Value.of("reader"), repo("r3"))));
      compareAll(sql, memory, List.of());
      sql.policy(SWAPPED);
      memory.policy(SWAPPED);
      compareAll(sql, memory, List.of());
    }
  }

  private static void compareAll(Oso sql, Oso memory, List<Fact> context) {
    for (String u : USERS) {
      Value actor = user(u);
      for (String action : List.of("read", "push")) {
        assertThat(new TreeSet<>(sql.list(actor, action, "Repo", context)))
            .as("list %s %s %s", u, action, context)
            .isEqualTo(new TreeSet<>(memory.list(actor, action, "Repo", context)));
        for (String r : REPOS) {
          assertThat(sql.authorize(actor, action, repo(r), context))
              .as("authorize %s %s %s %s", u, action, r, context)
              .isEqualTo(memory.authorize(actor, action, repo(r), context));
        }
        for (String v : USERS) {
          assertThat(sql.authorize(actor, action, user(v), context))
              .as("authorize %s %s User:%s %s", u, action, v, context)
              .isEqualTo(memory.authorize(actor, action, user(v), context));
        }
      }
      for (String r : REPOS) {
        assertThat(new TreeSet<>(sql.actions(actor, repo(r), context)))
            .as("actions %s %s %s", u, r, context)
            .isEqualTo(new TreeSet<>(memory.actions(actor, repo(r), context)));
      }
    }
  }
}
