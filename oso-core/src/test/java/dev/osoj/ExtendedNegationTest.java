package dev.osoj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import dev.osoj.sql.TestDatabases;
import dev.osoj.store.JdbcFactStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Extended negation ({@link EmbeddedBuilder#extendedNegation}): negated derived predicates and
 * compound conditions, stratification errors, and the same answers from the evaluator and from SQL.
 */
class ExtendedNegationTest {
  /** Pull requests: maintainers merge, except their own unless the repository allows it. */
  static final String MERGE =
      """
      actor User {}
      resource PullRequest {
        roles = ["maintainer", "author"];
        permissions = ["merge", "review"];
      }
      has_permission(u: User, "merge", pr: PullRequest) if
        has_role(u, "maintainer", pr) and
        not (has_role(u, "author", pr) and not self_merge_allowed(pr));
      can_review(u: User, pr: PullRequest) if has_role(u, "maintainer", pr);
      has_permission(u: User, "review", pr: PullRequest) if
        has_role(u, "maintainer", pr) and not (is_banned(u) or is_frozen(pr));
      """;

  static final User ANN = new User("ann");
  static final User BOB = new User("bob");

  private static Oso merge(boolean extended) {
    return Oso.embedded().policy(MERGE).extendedNegation(extended).build();
  }

  private static void mergeFacts(Oso oso) {
    oso.batch(
        tx -> {
          for (String pr : List.of("p1", "p2", "p3")) {
            tx.insert(Fact.of("has_role", ANN.value(), Value.of("maintainer"), pr(pr)));
          }
          tx.insert(Fact.of("has_role", ANN.value(), Value.of("author"), pr("p1")));
          tx.insert(Fact.of("has_role", ANN.value(), Value.of("author"), pr("p2")));
          tx.insert(Fact.of("self_merge_allowed", pr("p2")));
          tx.insert(Fact.of("has_role", BOB.value(), Value.of("maintainer"), pr("p1")));
          tx.insert(Fact.of("is_banned", BOB.value()));
          tx.insert(Fact.of("is_frozen", pr("p3")));
        });
  }

  private static Value pr(String id) {
    return new Value("PullRequest", id);
  }

  /** A named actor, for readable calls. */
  record User(String id) {
    Value value() {
      return new Value("User", id);
    }
  }

  @Test
  void compoundNegation_byDefault_isInvalidNegation() {
    assertThatThrownBy(() -> merge(false))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policy.polar:8:3")
        .hasMessageContaining("'not' must apply to a single call")
        .hasMessageContaining("enable extended negation");
  }

  @Test
  void compoundNegation_extended_answersAsWritten() {
    try (Oso oso = merge(true)) {
      mergeFacts(oso);
      // p1: ann is maintainer and author, self merge not allowed
      assertThat(oso.authorize(ANN.value(), "merge", pr("p1"))).isFalse();
      // p2: author, but self merge allowed
      assertThat(oso.authorize(ANN.value(), "merge", pr("p2"))).isTrue();
      // p3: not the author
      assertThat(oso.authorize(ANN.value(), "merge", pr("p3"))).isTrue();
      assertThat(oso.list(ANN.value(), "merge", "PullRequest")).containsExactly("p2", "p3");
      // review: bob is banned; p3 is frozen
      assertThat(oso.list(ANN.value(), "review", "PullRequest")).containsExactly("p1", "p2");
      assertThat(oso.list(BOB.value(), "review", "PullRequest")).isEmpty();
      assertThat(oso.actions(BOB.value(), pr("p1"))).containsExactly("merge");
    }
  }

  @Test
  void negatedDerivedPredicate_extended_isNegationAsFailure() {
    String policy =
        """
        actor User {}
        resource Doc { permissions = ["view"]; }
        can_edit(u: User, d: Doc) if has_role(u, "editor", d);
        has_permission(u: User, "view", d: Doc) if
          has_role(u, "viewer", d) and not can_edit(u, d);
        """;
    assertThatThrownBy(() -> Oso.embedded().policy(policy).build())
        .hasMessageContaining("cannot negate 'can_edit/2'");
    try (Oso oso = Oso.embedded().policy(policy).extendedNegation(true).build()) {
      Value d = new Value("Doc", "d");
      oso.insert(Fact.of("has_role", ANN.value(), Value.of("viewer"), d));
      oso.insert(Fact.of("has_role", BOB.value(), Value.of("viewer"), d));
      oso.insert(Fact.of("has_role", BOB.value(), Value.of("editor"), d));
      assertThat(oso.authorize(ANN.value(), "view", d)).isTrue();
      assertThat(oso.authorize(BOB.value(), "view", d)).isFalse();
    }
  }

  @Test
  void variableOnlyInsideCondition_isQuantifiedInside() {
    String policy =
        """
        actor User {}
        resource Doc { permissions = ["read"]; }
        has_permission(u: User, "read", d: Doc) if
          has_role(u, "reader", d) and not (blocked_by(u, other) and is_admin(other));
        """;
    try (Oso oso = Oso.embedded().policy(policy).extendedNegation(true).build()) {
      Value d = new Value("Doc", "d");
      Value carl = new Value("User", "carl");
      oso.insert(Fact.of("has_role", ANN.value(), Value.of("reader"), d));
      oso.insert(Fact.of("has_role", BOB.value(), Value.of("reader"), d));
      oso.insert(Fact.of("blocked_by", ANN.value(), BOB.value()));
      assertThat(oso.authorize(ANN.value(), "read", d)).as("blocked by a non-admin").isTrue();
      oso.insert(Fact.of("blocked_by", ANN.value(), carl));
      oso.insert(Fact.of("is_admin", carl));
      assertThat(oso.authorize(ANN.value(), "read", d)).as("blocked by an admin").isFalse();
      assertThat(oso.authorize(BOB.value(), "read", d)).isTrue();
    }
  }

  @Test
  void negationThroughRecursion_extended_namesTheCycle() {
    String policy =
        """
        actor User {}
        ok(u: User) if member(u) and not bad(u);
        bad(u: User) if flagged(u) and ok(u);
        """;
    assertThatThrownBy(() -> Oso.embedded().policy(policy).extendedNegation(true).build())
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policy.polar:2:30")
        .hasMessageContaining("'ok/1' depends on its own negation (ok/1 -> not bad/1 -> ok/1)");
  }

  @Test
  void unsafeVariables_extended_areReported() {
    String sharedOnlyInHead =
        """
        actor User {}
        ok(u: User, v: User) if member(u) and not (banned(v) and frozen(u));
        """;
    assertThatThrownBy(() -> Oso.embedded().policy(sharedOnlyInHead).extendedNegation(true).build())
        .hasMessageContaining("policy.polar:2:39")
        .hasMessageContaining("variable 'v' in 'not (banned(v) and frozen(u))' must also occur");
    String localOnlyInside =
        """
        actor User {}
        ok(u: User) if member(u) and not (banned(v) or frozen(v));
        """;
    try (Oso oso = Oso.embedded().policy(localOnlyInside).extendedNegation(true).build()) {
      oso.insert(Fact.of("member", ANN.value()));
      assertThat(oso.buildQuery("ok", ANN.value()).evaluate()).isTrue();
      oso.insert(Fact.of("frozen", new Value("User", "someone")));
      assertThat(oso.buildQuery("ok", ANN.value()).evaluate())
          .as("some v is frozen, so the condition holds for v and its negation fails")
          .isFalse();
    }
    String unboundInside =
        """
        actor User {}
        ok(u: User) if member(u) and not (level(u, n) or m > 3);
        """;
    assertThatThrownBy(() -> Oso.embedded().policy(unboundInside).extendedNegation(true).build())
        .hasMessageContaining("variable 'm' is never bound");
  }

  @Test
  void constantConditions_extended_foldAway() {
    String policy =
        """
        actor User {}
        always(u: User) if member(u) and not (false and banned(u));
        never(u: User) if member(u) and not (true or banned(u));
        """;
    try (Oso oso = Oso.embedded().policy(policy).extendedNegation(true).build()) {
      oso.insert(Fact.of("member", ANN.value()));
      assertThat(query(oso, "always")).isTrue();
      assertThat(query(oso, "never")).isFalse();
    }
  }

  private static boolean query(Oso oso, String predicate) {
    return oso.buildQuery(predicate, ANN.value()).evaluate();
  }

  @Test
  void policySwap_keepsTheMode_andABadPolicyLeavesTheOldOne() {
    try (Oso oso = merge(true)) {
      mergeFacts(oso);
      String broken = MERGE + "\nbad(u: User) if member(u) and not bad(u);\n";
      assertThatThrownBy(() -> oso.policy(broken)).hasMessageContaining("its own negation");
      assertThat(oso.authorize(ANN.value(), "merge", pr("p2"))).isTrue();
      oso.policy(MERGE.replace("not self_merge_allowed(pr)", "not (self_merge_allowed(pr))"));
      assertThat(oso.authorize(ANN.value(), "merge", pr("p1"))).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void jdbcFactStore_extended_agreesWithTheEvaluator(SqlDialect dialect) throws SQLException {
    DataSource ds = TestDatabases.of(dialect);
    try (Oso memory = merge(true);
        Oso sql =
            Oso.embedded()
                .policy(MERGE)
                .extendedNegation(true)
                .factStore(new JdbcFactStore(ds, dialect, "neg_facts"))
                .build()) {
      mergeFacts(memory);
      mergeFacts(sql);
      for (User u : List.of(ANN, BOB)) {
        for (String action : List.of("merge", "review")) {
          assertThat(sql.list(u.value(), action, "PullRequest"))
              .as(u + " " + action)
              .isEqualTo(memory.list(u.value(), action, "PullRequest"));
          for (String id : List.of("p1", "p2", "p3")) {
            assertThat(sql.authorize(u.value(), action, pr(id)))
                .isEqualTo(memory.authorize(u.value(), action, pr(id)));
          }
        }
      }
      assertThat(filterRows(ds, dialect, sql, ANN, "merge")).containsExactly("p2", "p3");
      assertThat(filterRows(ds, dialect, sql, ANN, "review")).containsExactly("p1", "p2");
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void comparisonOnOuterVariable_inSql_isRefusedNamingTheRule(SqlDialect dialect) {
    String policy =
        """
        actor User {}
        junior(u: User) if level(u, n) and n matches Integer and not (n > 3 and n < 10);
        """;
    try (Oso memory = Oso.embedded().policy(policy).extendedNegation(true).build();
        Oso sql =
            Oso.embedded()
                .policy(policy)
                .extendedNegation(true)
                .factStore(new JdbcFactStore(TestDatabases.of(dialect), dialect, "cmp_facts"))
                .build()) {
      for (Oso oso : List.of(memory, sql)) {
        oso.insert(Fact.of("level", ANN.value(), Value.of(2)));
        oso.insert(Fact.of("level", BOB.value(), Value.of(5)));
      }
      assertThat(memory.buildQuery("junior", ANN.value()).evaluate()).isTrue();
      assertThat(memory.buildQuery("junior", BOB.value()).evaluate()).isFalse();
      // the anti-join is planned on its own, where 'n' is not bound by any call
      assertThatThrownBy(() -> sql.buildQuery("junior", ANN.value()).evaluate())
          .isInstanceOf(EvaluationException.class)
          .hasMessage(
              "cannot plan SQL for rule 'not (n > 3 and n < 10)' at policy.polar:2:58: the"
                  + " comparison at policy.polar:2:63 uses variable 'n', which no call binds");
    }
  }

  private static List<String> filterRows(
      DataSource ds, SqlDialect dialect, Oso oso, User user, String action) throws SQLException {
    try (Connection c = ds.getConnection()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS prs (id VARCHAR(20) PRIMARY KEY)");
        st.execute("DELETE FROM prs");
        st.execute("INSERT INTO prs VALUES ('p1'), ('p2'), ('p3'), ('p4')");
      }
      AuthorizedFilter filter = oso.listFilter(user.value(), action, "PullRequest");
      SqlFragment where = filter.toSql("prs.id", dialect);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM prs WHERE " + where.sql() + " ORDER BY id")) {
        for (int i = 0; i < where.parameters().size(); i++) {
          ps.setObject(i + 1, where.parameters().get(i));
        }
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return new ArrayList<>(new TreeSet<>(out));
      }
    }
  }
}
