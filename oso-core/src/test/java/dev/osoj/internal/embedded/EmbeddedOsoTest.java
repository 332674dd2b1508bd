package dev.osoj.internal.embedded;

import static dev.osoj.internal.embedded.WorkedExamplesTest.f;
import static dev.osoj.internal.embedded.WorkedExamplesTest.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.EvaluateArgs;
import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.InvalidFactException;
import dev.osoj.ListPage;
import dev.osoj.Oso;
import dev.osoj.PolicyException;
import dev.osoj.PolicyMetadata;
import dev.osoj.TypedVar;
import dev.osoj.ValuePattern;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedOsoTest {
  private static Oso oso(String policy) {
    return Oso.embedded().policy(policy).build();
  }

  @Test
  void insert_factTheX19Cases_rejectedAndNothingStored() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      assertThatThrownBy(() -> oso.insert(f("has_rol", "User:a", "guest", "Workspace:w")))
          .isInstanceOf(InvalidFactException.class)
          .hasMessageContaining("has_rol");
      assertThatThrownBy(() -> oso.insert(f("has_role", "User:a", "guest")))
          .isInstanceOf(InvalidFactException.class)
          .hasMessageContaining("2 arguments");
      assertThatThrownBy(() -> oso.insert(f("has_role", "User:a", "guest", "User:b")))
          .isInstanceOf(InvalidFactException.class)
          .hasMessageContaining("match no accepted signature");

      assertThat(
              oso.get(
                  FactPattern.of("has_role", ValuePattern.ANY, ValuePattern.ANY, ValuePattern.ANY)))
          .isEmpty();
    }
  }

  @Test
  void insert_ossArgumentOrder_rejected() {
    try (Oso oso = oso(WorkedExamplesTest.B)) {
      assertThatThrownBy(
              () -> oso.insert(f("has_relation", "Company:acme", "company", "Project:p1")))
          .isInstanceOf(InvalidFactException.class);
    }
  }

  @Test
  void batch_invalidFactAnywhere_writesNothing() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      assertThatThrownBy(
              () ->
                  oso.batch(
                      tx -> {
                        tx.insert(f("has_role", "User:a", "guest", "Workspace:w"));
                        tx.insert(f("has_role", "User:a", "guest", "User:b"));
                      }))
          .isInstanceOf(InvalidFactException.class);

      assertThat(oso.authorize(v("User:a"), "view", v("Workspace:w"))).isFalse();
    }
  }

  @Test
  void batch_insertThenDelete_appliedInOrder() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      Fact guest = f("has_role", "User:a", "guest", "Workspace:w");
      Fact owner = f("has_role", "User:a", "owner", "Workspace:w");

      oso.batch(
          tx -> {
            tx.insert(guest);
            tx.insert(owner);
            tx.delete(guest);
          });

      assertThat(
              oso.get(
                  FactPattern.of(
                      "has_role",
                      ValuePattern.ANY,
                      ValuePattern.ANY,
                      ValuePattern.ofType("Workspace"))))
          .containsExactly(owner);
      oso.delete(
          FactPattern.of(
              "has_role", ValuePattern.exact(v("User:a")), ValuePattern.ANY, ValuePattern.ANY));
      assertThat(oso.authorize(v("User:a"), "view", v("Workspace:w"))).isFalse();
    }
  }

  @Test
  void authorize_contextFacts_visibleToOneQuestionOnly() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      List<Fact> context = List.of(f("has_role", "User:a", "editor", "Workspace:w"));

      assertThat(oso.authorize(v("User:a"), "edit", v("Workspace:w"), context)).isTrue();
      assertThat(oso.list(v("User:a"), "view", "Workspace", context)).containsExactly("w");
      assertThat(oso.actions(v("User:a"), v("Workspace:w"), context))
          .containsExactly("edit", "view");
      assertThat(oso.authorize(v("User:a"), "edit", v("Workspace:w"))).isFalse();
      assertThat(oso.get(FactPattern.of(context.get(0)))).isEmpty();
    }
  }

  @Test
  void authorize_invalidContextFact_rejected() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      List<Fact> context = List.of(f("has_role", "User:a", "editor", "User:b"));

      assertThatThrownBy(() -> oso.authorize(v("User:a"), "edit", v("Workspace:w"), context))
          .isInstanceOf(InvalidFactException.class);
    }
  }

  @Test
  void query_wildcardRule_reportsUnboundedAsNull() {
    String policy = WorkedExamplesTest.C + "has_role(_: User, \"support\");\n";
    try (Oso oso = oso(policy)) {
      TypedVar company = new TypedVar("Company");
      TypedVar user = new TypedVar("User");

      List<String> companies =
          oso.buildQuery("allow", v("User:eve"), "read", company)
              .evaluate(EvaluateArgs.values(company));
      List<String> users =
          oso.buildQuery("has_role", user, "support").evaluate(EvaluateArgs.values(user));

      assertThat(companies).containsExactly("*");
      assertThat(users).containsExactly("*");
      assertThat(oso.list(v("User:anyone"), "read", "Company")).containsExactly("*");
      assertThat(oso.authorize(v("User:anyone"), "read", v("Company:x"))).isTrue();
      assertThat(oso.authorize(v("User:anyone"), "delete", v("Company:x"))).isFalse();
      assertThat(oso.evaluateQuery(oso.buildQuery("has_role", user, "support").toQuery()))
          .allSatisfy(row -> assertThat(row.get(user.name())).isNull());
    }
  }

  @Test
  void query_groupedByResource_matchesActions() {
    try (Oso oso = oso(WorkedExamplesTest.B)) {
      oso.insert(f("has_role", "User:dan", "admin", "Company:acme"));
      oso.insert(f("has_relation", "Project:p1", "company", "Company:acme"));
      oso.insert(f("has_role", "User:dan", "contributor", "Project:p9"));
      TypedVar project = new TypedVar("Project");
      TypedVar action = new TypedVar("String");

      Map<String, List<String>> byProject =
          oso.buildQuery("allow", v("User:dan"), action, project)
              .evaluate(EvaluateArgs.map(project, EvaluateArgs.values(action)));

      assertThat(byProject.keySet()).containsExactlyInAnyOrder("p1", "p9");
      assertThat(byProject.get("p1")).containsExactlyInAnyOrder("read", "write", "archive");
      assertThat(byProject.get("p9")).containsExactlyInAnyOrder("read", "write");
      assertThat(
              oso.buildQuery("allow", v("User:dan"), "archive", project)
                  .in(project, List.of("p1", "p9"))
                  .evaluate(EvaluateArgs.values(project)))
          .containsExactly("p1");
    }
  }

  @Test
  void listPaginated_pagesThroughSortedIds() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      for (int i = 0; i < 7; i++) {
        oso.insert(f("has_role", "User:a", "guest", "Workspace:w" + i));
      }
      List<String> seen = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        ListPage page = oso.listPaginated(v("User:a"), "view", "Workspace", 3, token, List.of());
        seen.addAll(page.results());
        token = page.nextPageToken();
        pages++;
      } while (token != null);

      assertThat(pages).isEqualTo(3);
      assertThat(seen).containsExactly("w0", "w1", "w2", "w3", "w4", "w5", "w6");
      assertThatThrownBy(
              () -> oso.listPaginated(v("User:a"), "view", "Workspace", 3, "bogus", List.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void policy_failingLoad_keepsPreviousPolicy() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      oso.insert(f("has_role", "User:a", "guest", "Workspace:w"));

      assertThatThrownBy(() -> oso.policy("resource R { roles = [\"x\"]; \"y\" if \"x\"; }"))
          .isInstanceOf(PolicyException.class);
      assertThat(oso.authorize(v("User:a"), "view", v("Workspace:w"))).isTrue();

      oso.policy(WorkedExamplesTest.A.replace("\"view\" if \"guest\";", ""));
      assertThat(oso.authorize(v("User:a"), "view", v("Workspace:w"))).isFalse();
    }
  }

  @Test
  void policyMetadata_listsBlocksAndGlobal() {
    try (Oso oso = oso(WorkedExamplesTest.C)) {
      PolicyMetadata metadata = oso.policyMetadata();

      assertThat(metadata.resources().get("Company").roles()).containsExactly("viewer", "admin");
      assertThat(metadata.resources().get("global").permissions())
          .containsExactly("create_company");
    }
  }

  @Test
  void localSql_withoutBindings_plansOverMemoryFacts() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      assertThat(oso.authorizeLocal(v("User:a"), "view", v("Workspace:w"), List.of()))
          .isEqualTo("SELECT CASE WHEN 1=0 THEN TRUE ELSE FALSE END AS allowed");
      assertThat(oso.listFilter(v("User:a"), "view", "Workspace").kind())
          .isEqualTo(dev.osoj.sql.AuthorizedFilter.Kind.NEVER);
    }
  }

  @Test
  void builder_settingTwice_rejected() {
    assertThatThrownBy(() -> Oso.embedded().clock(Clock.systemUTC()).clock(Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clock");
    assertThatThrownBy(
            () -> Oso.embedded().policy(java.nio.file.Path.of("does/not/exist.polar")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exist.polar");
  }

  @Test
  void authorize_currentTime_comesFromInjectedClock() {
    Clock early = Clock.fixed(java.time.Instant.ofEpochSecond(1000), java.time.ZoneOffset.UTC);
    Clock late = Clock.fixed(java.time.Instant.ofEpochSecond(3000), java.time.ZoneOffset.UTC);
    Fact until = f("has_role_until", "User:ned", "holder", "Vault:v", "Integer:2000");

    try (Oso before = Oso.embedded().policy(WorkedExamplesTest.G).clock(early).build();
        Oso after = Oso.embedded().policy(WorkedExamplesTest.G).clock(late).build()) {
      before.insert(until);
      after.insert(until);

      assertThat(before.authorize(v("User:ned"), "open", v("Vault:v"))).isTrue();
      assertThat(after.authorize(v("User:ned"), "open", v("Vault:v"))).isFalse();
    }
  }

  @Test
  void query_unknownTypes_answerNothing() {
    try (Oso oso = oso(WorkedExamplesTest.A)) {
      oso.insert(f("has_role", "User:a", "guest", "Workspace:w"));
      TypedVar thing = new TypedVar("Spaceship");

      assertThat(oso.buildQuery("has_role", v("User:a"), "guest", thing).evaluate()).isFalse();
      assertThat(oso.list(v("User:a"), "view", "Spaceship")).isEmpty();
      assertThat(oso.authorize(v("Robot:r"), "view", v("Workspace:w"))).isFalse();
      assertThat(oso.actions(v("User:a"), v("Spaceship:s"))).isEmpty();
    }
  }

  @Test
  void build_withoutPolicy_deniesAndRefusesFacts() {
    try (Oso oso = Oso.embedded().build()) {
      assertThat(oso.authorize(v("User:a"), "view", v("Workspace:w"))).isFalse();
      assertThatThrownBy(() -> oso.insert(f("has_role", "User:a", "guest", "Workspace:w")))
          .isInstanceOf(InvalidFactException.class);

      oso.policy(WorkedExamplesTest.A);
      oso.insert(f("has_role", "User:a", "guest", "Workspace:w"));
      assertThat(oso.authorize(v("User:a"), "view", v("Workspace:w"))).isTrue();
    }
  }
}
