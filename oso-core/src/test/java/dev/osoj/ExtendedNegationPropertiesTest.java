package dev.osoj;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.TestDatabases;
import dev.osoj.store.JdbcFactStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Extended negation on random facts: the evaluator and SQL through {@link JdbcFactStore} (H2) give
 * the same {@code list} and {@code authorize} answers for a policy with nested and compound
 * negations over derived predicates.
 */
class ExtendedNegationPropertiesTest {
  static final String POLICY =
      """
      actor User {}
      resource Doc {
        roles = ["reader", "writer", "owner"];
        permissions = ["read", "edit", "share"];
        relations = { parent: Doc };
        "reader" if "writer";
        "writer" if "owner";
        "reader" if "reader" on "parent";
      }
      blocked(u: User, d: Doc) if is_banned(u) and has_role(u, "reader", d);
      has_permission(u: User, "read", d: Doc) if
        has_role(u, "reader", d) and not blocked(u, d);
      has_permission(u: User, "edit", d: Doc) if
        has_role(u, "writer", d) and not (is_locked(d) and not has_role(u, "owner", d));
      has_permission(u: User, "share", d: Doc) if
        has_role(u, "reader", d) and not (is_banned(u) or is_locked(d) or has_role(other, "owner", d) and is_banned(other));
      """;

  static final List<String> USERS = List.of("u0", "u1", "u2");
  static final List<String> DOCS = List.of("d0", "d1", "d2", "d3");
  private static final AtomicInteger tables = new AtomicInteger();

  @Provide
  Arbitrary<List<Fact>> facts() {
    Arbitrary<Fact> role =
        Arbitraries.of("reader", "writer", "owner")
            .flatMap(
                r ->
                    Arbitraries.of(USERS)
                        .flatMap(
                            u ->
                                Arbitraries.of(DOCS)
                                    .map(d -> Fact.of("has_role", user(u), Value.of(r), doc(d)))));
    Arbitrary<Fact> parent =
        Arbitraries.of(DOCS)
            .flatMap(
                a ->
                    Arbitraries.of(DOCS)
                        .map(b -> Fact.of("has_relation", doc(a), Value.of("parent"), doc(b))));
    Arbitrary<Fact> banned = Arbitraries.of(USERS).map(u -> Fact.of("is_banned", user(u)));
    Arbitrary<Fact> locked = Arbitraries.of(DOCS).map(d -> Fact.of("is_locked", doc(d)));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, role),
            net.jqwik.api.Tuple.of(2, parent),
            net.jqwik.api.Tuple.of(1, banned),
            net.jqwik.api.Tuple.of(1, locked))
        .list()
        .ofMaxSize(14);
  }

  private static Value user(String id) {
    return new Value("User", id);
  }

  private static Value doc(String id) {
    return new Value("Doc", id);
  }

  @Example
  void nestedNegation_lockedDocs_onlyOwnersEdit() {
    List<Fact> facts =
        List.of(
            Fact.of("has_role", user("u0"), Value.of("writer"), doc("d0")),
            Fact.of("has_role", user("u1"), Value.of("owner"), doc("d0")),
            Fact.of("has_role", user("u0"), Value.of("writer"), doc("d1")),
            Fact.of("is_locked", doc("d0")),
            Fact.of("has_role", user("u2"), Value.of("reader"), doc("d1")),
            Fact.of("is_banned", user("u1")));
    evaluatorAndSql_agree(facts);
    try (Oso memory = Oso.embedded().policy(POLICY).extendedNegation(true).build()) {
      memory.batch(tx -> facts.forEach(tx::insert));
      assertThat(memory.list(user("u0"), "edit", "Doc")).containsExactly("d1");
      assertThat(memory.list(user("u1"), "edit", "Doc")).containsExactly("d0");
      // u1 owns d0 and is banned: nobody may share d0 or read it as u1
      assertThat(memory.list(user("u1"), "read", "Doc")).isEmpty();
      assertThat(memory.list(user("u2"), "share", "Doc")).containsExactly("d1");
    }
  }

  @Property(tries = 25)
  void evaluatorAndSql_agree(@ForAll("facts") List<Fact> facts) {
    try (Oso memory = Oso.embedded().policy(POLICY).extendedNegation(true).build();
        Oso sql =
            Oso.embedded()
                .policy(POLICY)
                .extendedNegation(true)
                .factStore(
                    new JdbcFactStore(
                        TestDatabases.h2(), SqlDialect.H2, "negp_" + tables.incrementAndGet()))
                .build()) {
      memory.batch(tx -> facts.forEach(tx::insert));
      sql.batch(tx -> facts.forEach(tx::insert));
      for (String u : USERS) {
        for (String action : List.of("read", "edit", "share")) {
          List<String> expected = memory.list(user(u), action, "Doc");
          assertThat(sql.list(user(u), action, "Doc")).as(u + " " + action).isEqualTo(expected);
          for (String d : DOCS) {
            assertThat(memory.authorize(user(u), action, doc(d)))
                .as(u + " " + action + " " + d)
                .isEqualTo(expected.contains(d));
          }
        }
      }
    }
  }
}
