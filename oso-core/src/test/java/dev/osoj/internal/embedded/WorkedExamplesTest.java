package dev.osoj.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every worked case of polar.md §8 (policies A–M), through the public {@link Oso} API. */
class WorkedExamplesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** One case: the policy, the facts, and the question to ask. */
  record Case(String policy, List<Fact> facts, Function<Oso, Object> question) {
    Object run() {
      try (Oso oso = Oso.embedded().policy(policy).clock(CLOCK).build()) {
        facts.forEach(oso::insert);
        return question.apply(oso);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @MethodSource("cases")
  void workedExample_answersAsSpecified(
      String who, String what, String on, Object expected, Case c) {
    assertThat(c.run()).isEqualTo(expected);
  }

  static Value v(String text) {
    return Value.parse(text);
  }

  static Fact f(String predicate, String... args) {
    List<Value> values = new ArrayList<>();
    for (String a : args) {
      values.add(v(a));
    }
    return new Fact(predicate, values);
  }

  @SafeVarargs
  static List<Fact> facts(List<Fact>... groups) {
    List<Fact> all = new ArrayList<>();
    Arrays.stream(groups).forEach(all::addAll);
    return all;
  }

  static Arguments authorize(
      String id,
      String policy,
      List<Fact> facts,
      String actor,
      String action,
      String resource,
      boolean expected) {
    return Arguments.of(
        id + " authorize " + actor,
        action,
        resource,
        expected,
        new Case(policy, facts, oso -> oso.authorize(v(actor), action, v(resource))));
  }

  static Arguments list(
      String id,
      String policy,
      List<Fact> facts,
      String actor,
      String action,
      String type,
      String... expected) {
    return Arguments.of(
        id + " list " + actor,
        action,
        type,
        List.of(expected),
        new Case(policy, facts, oso -> oso.list(v(actor), action, type)));
  }

  static Arguments actions(
      String id,
      String policy,
      List<Fact> facts,
      String actor,
      String resource,
      String... expected) {
    return Arguments.of(
        id + " actions " + actor,
        "*",
        resource,
        List.of(expected),
        new Case(policy, facts, oso -> oso.actions(v(actor), v(resource))));
  }

  static Arguments query(
      String id,
      String policy,
      List<Fact> facts,
      String predicate,
      List<String> args,
      boolean expected) {
    return Arguments.of(
        id + " query " + predicate,
        args.toString(),
        "",
        expected,
        new Case(
            policy,
            facts,
            oso ->
                oso.buildQuery(predicate, args.stream().map(a -> (Object) v(a)).toArray())
                    .evaluate()));
  }

  static final String A =
      "actor User {}\n"
          + "resource Workspace {\n"
          + "  roles = [\"guest\", \"editor\", \"owner\"];\n"
          + "  permissions = [\"view\", \"edit\", \"remove\"];\n"
          + "  \"view\" if \"guest\";\n"
          + "  \"edit\" if \"editor\";\n"
          + "  \"remove\" if \"owner\";\n"
          + "  \"guest\" if \"editor\";\n"
          + "  \"editor\" if \"owner\";\n"
          + "}\n";

  static final String B =
      "actor User {}\n"
          + "resource Company {\n"
          + "  roles = [\"staff\", \"admin\"];\n"
          + "  permissions = [\"read_company\"];\n"
          + "  \"read_company\" if \"staff\";\n"
          + "  \"staff\" if \"admin\";\n"
          + "}\n"
          + "resource Project {\n"
          + "  roles = [\"contributor\", \"lead\"];\n"
          + "  permissions = [\"read\", \"write\", \"archive\"];\n"
          + "  relations = { company: Company };\n"
          + "  \"contributor\" if \"staff\" on \"company\";\n"
          + "  \"lead\" if \"admin\" on \"company\";\n"
          + "  \"contributor\" if \"lead\";\n"
          + "  \"read\" if \"contributor\";\n"
          + "  \"write\" if \"contributor\";\n"
          + "  \"archive\" if \"lead\";\n"
          + "}\n";

  static final String C =
      "actor User {}\n"
          + "global {\n"
          + "  roles = [\"superuser\", \"support\"];\n"
          + "  permissions = [\"create_company\"];\n"
          + "  \"create_company\" if \"superuser\";\n"
          + "}\n"
          + "resource Company {\n"
          + "  roles = [\"viewer\", \"admin\"];\n"
          + "  permissions = [\"read\", \"delete\"];\n"
          + "  \"viewer\" if global \"support\";\n"
          + "  \"admin\" if global \"superuser\";\n"
          + "  \"viewer\" if \"admin\";\n"
          + "  \"read\" if \"viewer\";\n"
          + "  \"delete\" if \"admin\";\n"
          + "}\n";

  static final String D =
      "actor User {}\n"
          + "resource Drive {\n"
          + "  roles = [\"reader\", \"manager\"];\n"
          + "}\n"
          + "resource Folder {\n"
          + "  roles = [\"reader\", \"writer\"];\n"
          + "  permissions = [\"open\", \"upload\"];\n"
          + "  relations = { drive: Drive, parent: Folder };\n"
          + "  \"reader\" if \"reader\" on \"drive\";\n"
          + "  \"writer\" if \"manager\" on \"drive\";\n"
          + "  role if role on \"parent\";\n"
          + "  \"reader\" if \"writer\";\n"
          + "  \"open\" if \"reader\";\n"
          + "  \"upload\" if \"writer\";\n"
          + "}\n"
          + "resource Doc {\n"
          + "  roles = [\"reader\", \"writer\"];\n"
          + "  permissions = [\"open\", \"edit\"];\n"
          + "  relations = { folder: Folder };\n"
          + "  role if role on \"folder\";\n"
          + "  \"reader\" if \"writer\";\n"
          + "  \"open\" if \"reader\";\n"
          + "  \"edit\" if \"writer\";\n"
          + "}\n";

  static final String E =
      "actor User {}\n"
          + "resource Article {\n"
          + "  roles = [\"author\"];\n"
          + "  permissions = [\"read\", \"edit\", \"publish\"];\n"
          + "  \"edit\" if \"author\";\n"
          + "  \"read\" if \"author\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "  \"publish\" if \"author\" and has_status(resource, \"approved\");\n"
          + "}\n"
          + "has_permission(_: User, \"read\", article: Article) if\n"
          + "  is_archived(article, false) and\n"
          + "  has_status(article, \"featured\");\n";

  static final String F =
      "actor User {}\n"
          + "resource Forum {\n"
          + "  roles = [\"member\", \"moderator\"];\n"
          + "  permissions = [\"post\", \"view\"];\n"
          + "  \"member\" if \"moderator\";\n"
          + "  \"view\" if \"member\";\n"
          + "}\n"
          + "has_permission(user: User, \"post\", forum: Forum) if\n"
          + "  has_role(user, \"member\", forum) and\n"
          + "  not is_banned(user);\n";

  static final String F_PRIME =
      F
          + "allow(user: User, action: String, forum: Forum) if\n"
          + "  has_permission(user, action, forum) and\n"
          + "  not is_suspended_in(user, forum);\n";

  static final String G =
      "actor User {}\n"
          + "resource Vault {\n"
          + "  roles = [\"holder\"];\n"
          + "  permissions = [\"open\", \"bulk_withdraw\"];\n"
          + "  \"open\" if \"holder\";\n"
          + "}\n"
          + "has_role(user: User, \"holder\", vault: Vault) if\n"
          + "  until matches Integer and\n"
          + "  has_role_until(user, \"holder\", vault, until) and\n"
          + "  until > @current_unix_time;\n"
          + "has_permission(user: User, \"bulk_withdraw\", vault: Vault) if\n"
          + "  has_role(user, \"holder\", vault) and\n"
          + "  limit matches Integer and\n"
          + "  withdrawal_limit(vault, limit) and\n"
          + "  limit >= 10000;\n";

  static final String H =
      "actor User {}\n"
          + "resource Role {}\n"
          + "resource Org {\n"
          + "  roles = [\"admin\", \"member\"];\n"
          + "  permissions = [\"read\", \"invite\", \"billing\"];\n"
          + "  \"member\" if \"admin\";\n"
          + "  \"read\" if \"member\";\n"
          + "  \"invite\" if \"admin\";\n"
          + "  \"billing\" if \"admin\";\n"
          + "}\n"
          + "has_permission(user: User, perm: String, org: Org) if\n"
          + "  role matches Role and\n"
          + "  has_role(user, role, org) and\n"
          + "  role_grants(role, perm);\n";

  static final String I =
      "actor User {\n"
          + "  roles = [\"boss\"];\n"
          + "  relations = { manager: User };\n"
          + "  \"boss\" if \"manager\";\n"
          + "  \"boss\" if \"boss\" on \"manager\";\n"
          + "}\n"
          + "resource Report {\n"
          + "  roles = [\"viewer\"];\n"
          + "  permissions = [\"view\"];\n"
          + "  relations = { owner: User };\n"
          + "  \"viewer\" if \"owner\";\n"
          + "  \"viewer\" if \"boss\" on \"owner\";\n"
          + "  \"view\" if \"viewer\";\n"
          + "}\n";

  static final String J =
      "actor User {}\n"
          + "resource Org {\n"
          + "  roles = [\"member\", \"admin\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  relations = { parent: Org };\n"
          + "  \"read\" if \"member\";\n"
          + "  \"member\" if \"admin\";\n"
          + "  \"admin\" if \"admin\" on \"parent\";\n"
          + "  \"read\" if \"read\" on \"parent\";\n"
          + "}\n";

  static final String K =
      "actor User {}\n"
          + "actor Team {}\n"
          + "resource Repo {\n"
          + "  roles = [\"reader\", \"writer\"];\n"
          + "  permissions = [\"pull\", \"push\"];\n"
          + "  \"reader\" if \"writer\";\n"
          + "  \"pull\" if \"reader\";\n"
          + "  \"push\" if \"writer\";\n"
          + "}\n"
          + "has_role(user: User, role: String, repo: Repo) if\n"
          + "  team matches Team and\n"
          + "  member_of(user, team) and\n"
          + "  has_role(team, role, repo);\n"
          + "member_of(user: User, team: Team) if\n"
          + "  inner matches Team and\n"
          + "  member_of(user, inner) and\n"
          + "  subteam_of(inner, team);\n";

  static final String L =
      "actor User {\n"
          + "  permissions = [\"impersonate\"];\n"
          + "  \"impersonate\" if global \"helpdesk\";\n"
          + "}\n"
          + "global { roles = [\"helpdesk\"]; }\n"
          + "resource Ticket {\n"
          + "  roles = [\"owner\"];\n"
          + "  permissions = [\"view\"];\n"
          + "  \"view\" if \"owner\";\n"
          + "}\n"
          + "allow(user: User, action: String, resource: Resource) if\n"
          + "  has_permission(user, action, resource);\n"
          + "allow(user: User, action: String, resource: Resource) if\n"
          + "  other matches User and\n"
          + "  is_impersonating(user, other) and\n"
          + "  has_permission(user, \"impersonate\", other) and\n"
          + "  has_permission(other, action, resource);\n";

  static final String M =
      "actor User {}\n"
          + "resource Asset {\n"
          + "  roles = [\"steward\"];\n"
          + "  permissions = [\"inspect\"];\n"
          + "  \"inspect\" if \"steward\";\n"
          + "}\n"
          + "resource Dataset extends Asset {\n"
          + "  permissions = [\"query\"];\n"
          + "  \"query\" if \"steward\";\n"
          + "}\n";

  static Stream<Arguments> cases() {
    return Stream.of(
            WorkedExamplesTest.policiesAtoE(),
            WorkedExamplesTest.policiesFtoH(),
            WorkedExamplesTest.policiesItoM())
        .flatMap(s -> s);
  }

  static Stream<Arguments> policiesAtoE() {
    List<Fact> a1 = List.of(f("has_role", "User:ana", "guest", "Workspace:w1"));
    List<Fact> a3 = List.of(f("has_role", "User:ben", "owner", "Workspace:w1"));
    List<Fact> b1 =
        List.of(
            f("has_role", "User:cat", "staff", "Company:acme"),
            f("has_relation", "Project:p1", "company", "Company:acme"));
    List<Fact> b3 =
        List.of(
            f("has_role", "User:dan", "admin", "Company:acme"),
            f("has_relation", "Project:p1", "company", "Company:acme"),
            f("has_relation", "Project:p2", "company", "Company:acme"),
            f("has_relation", "Project:p3", "company", "Company:globex"));
    List<Fact> c1 = List.of(f("has_role", "User:eve", "superuser"));
    List<Fact> c2 = List.of(f("has_role", "User:fay", "support"));
    List<Fact> tree =
        List.of(
            f("has_relation", "Folder:root", "drive", "Drive:d"),
            f("has_relation", "Folder:a", "parent", "Folder:root"),
            f("has_relation", "Folder:b", "parent", "Folder:a"),
            f("has_relation", "Doc:x", "folder", "Folder:b"));
    List<Fact> d1 = facts(tree, List.of(f("has_role", "User:gus", "reader", "Drive:d")));
    List<Fact> d5 =
        List.of(
            f("has_relation", "Folder:c1", "parent", "Folder:c2"),
            f("has_relation", "Folder:c2", "parent", "Folder:c1"),
            f("has_role", "User:ivy", "reader", "Folder:c1"));
    return Stream.of(
        authorize("A1", A, a1, "User:ana", "view", "Workspace:w1", true),
        authorize("A2", A, a1, "User:ana", "edit", "Workspace:w1", false),
        actions("A3", A, a3, "User:ben", "Workspace:w1", "edit", "remove", "view"),
        list(
            "A4",
            A,
            facts(a3, List.of(f("has_role", "User:ana", "guest", "Workspace:w2"))),
            "User:ben",
            "view",
            "Workspace",
            "w1"),
        authorize(
            "A5",
            A,
            List.of(f("has_role", "User:ana", "editor", "Workspace:w1")),
            "User:ana",
            "edit",
            "Workspace:w2",
            false),
        authorize("A6", A, a3, "User:ben", "archive", "Workspace:w1", false),
        authorize(
            "A7",
            A,
            List.of(f("has_role", "User:Ana", "guest", "Workspace:w1")),
            "User:ana",
            "view",
            "Workspace:w1",
            false),
        query("A8", A, a3, "has_role", List.of("User:ben", "guest", "Workspace:w1"), true),
        authorize("B1", B, b1, "User:cat", "write", "Project:p1", true),
        authorize("B2", B, b1, "User:cat", "archive", "Project:p1", false),
        list("B3", B, b3, "User:dan", "archive", "Project", "p1", "p2"),
        actions("B4", B, b3, "User:dan", "Project:p1", "archive", "read", "write"),
        authorize("C1", C, c1, "User:eve", "delete", "Company:anything", true),
        authorize("C2", C, c2, "User:fay", "read", "Company:x", true),
        authorize("C3", C, c2, "User:fay", "delete", "Company:x", false),
        query(
            "C4 eve",
            C,
            facts(c1, c2),
            "has_permission",
            List.of("User:eve", "create_company"),
            true),
        query(
            "C4 fay",
            C,
            facts(c1, c2),
            "has_permission",
            List.of("User:fay", "create_company"),
            false),
        list("C5", C, c1, "User:eve", "read", "Company", "*"),
        authorize("D1", D, d1, "User:gus", "open", "Doc:x", true),
        authorize("D2", D, d1, "User:gus", "edit", "Doc:x", false),
        list(
            "D3",
            D,
            facts(tree, List.of(f("has_role", "User:hal", "writer", "Folder:a"))),
            "User:hal",
            "upload",
            "Folder",
            "a",
            "b"),
        actions(
            "D4",
            D,
            facts(tree, List.of(f("has_role", "User:jon", "manager", "Drive:d"))),
            "User:jon",
            "Folder:a",
            "open",
            "upload"),
        authorize("D5 open", D, d5, "User:ivy", "open", "Folder:c2", true),
        authorize("D5 upload", D, d5, "User:ivy", "upload", "Folder:c2", false),
        authorize(
            "E1", E, List.of(f("is_public", "Article:a1")), "User:kim", "read", "Article:a1", true),
        authorize("E2", E, List.of(), "User:kim", "read", "Article:a1", false),
        authorize(
            "E3",
            E,
            List.of(
                f("has_role", "User:kim", "author", "Article:a2"),
                f("has_status", "Article:a2", "draft")),
            "User:kim",
            "publish",
            "Article:a2",
            false),
        authorize(
            "E4",
            E,
            List.of(
                f("has_role", "User:kim", "author", "Article:a2"),
                f("has_status", "Article:a2", "approved")),
            "User:kim",
            "publish",
            "Article:a2",
            true),
        authorize(
            "E5",
            E,
            List.of(
                f("is_archived", "Article:a3", "Boolean:false"),
                f("has_status", "Article:a3", "featured")),
            "User:lee",
            "read",
            "Article:a3",
            true),
        authorize(
            "E6",
            E,
            List.of(
                f("is_archived", "Article:a3", "Boolean:true"),
                f("has_status", "Article:a3", "featured")),
            "User:lee",
            "read",
            "Article:a3",
            false),
        list(
            "E7",
            E,
            List.of(
                f("is_public", "Article:a1"),
                f("is_public", "Article:a4"),
                f("has_role", "User:kim", "author", "Article:a2")),
            "User:kim",
            "read",
            "Article",
            "a1",
            "a2",
            "a4"));
  }

  static Stream<Arguments> policiesFtoH() {
    List<Fact> f1 = List.of(f("has_role", "User:max", "member", "Forum:f"));
    List<Fact> f2 = facts(f1, List.of(f("is_banned", "User:max")));
    List<Fact> h1 =
        List.of(
            f("role_grants", "Role:clerk", "billing"),
            f("has_role", "User:oli", "Role:clerk", "Org:o"));
    return Stream.of(
        authorize("F1", F, f1, "User:max", "post", "Forum:f", true),
        authorize("F2", F, f2, "User:max", "post", "Forum:f", false),
        authorize("F3", F, f2, "User:max", "view", "Forum:f", true),
        authorize(
            "F4",
            F_PRIME,
            facts(f1, List.of(f("is_suspended_in", "User:max", "Forum:f"))),
            "User:max",
            "view",
            "Forum:f",
            false),
        list(
            "F5",
            F,
            List.of(
                f("has_role", "User:max", "member", "Forum:f1"),
                f("has_role", "User:max", "member", "Forum:f2"),
                f("is_banned", "User:max")),
            "User:max",
            "post",
            "Forum"),
        authorize(
            "G1",
            G,
            List.of(f("has_role_until", "User:ned", "holder", "Vault:v", "Integer:4102444800")),
            "User:ned",
            "open",
            "Vault:v",
            true),
        authorize(
            "G2",
            G,
            List.of(f("has_role_until", "User:ned", "holder", "Vault:v", "Integer:946684800")),
            "User:ned",
            "open",
            "Vault:v",
            false),
        authorize(
            "G3",
            G,
            List.of(
                f("has_role", "User:ned", "holder", "Vault:v"),
                f("withdrawal_limit", "Vault:v", "Integer:10000")),
            "User:ned",
            "bulk_withdraw",
            "Vault:v",
            true),
        authorize(
            "G4",
            G,
            List.of(
                f("has_role", "User:ned", "holder", "Vault:v"),
                f("withdrawal_limit", "Vault:v", "Integer:9999")),
            "User:ned",
            "bulk_withdraw",
            "Vault:v",
            false),
        authorize("H1", H, h1, "User:oli", "billing", "Org:o", true),
        authorize("H2", H, h1, "User:oli", "invite", "Org:o", false),
        actions(
            "H3",
            H,
            facts(h1, List.of(f("role_grants", "Role:clerk", "read"))),
            "User:oli",
            "Org:o",
            "billing",
            "read"));
  }

  static Stream<Arguments> policiesItoM() {
    List<Fact> chain =
        List.of(
            f("has_relation", "Report:q3", "owner", "User:pia"),
            f("has_relation", "User:pia", "manager", "User:quinn"),
            f("has_relation", "User:quinn", "manager", "User:rae"));
    List<Fact> tree2 =
        List.of(
            f("has_relation", "Org:eu", "parent", "Org:root"),
            f("has_relation", "Org:fr", "parent", "Org:eu"));
    List<Fact> j1 = facts(tree2, List.of(f("has_role", "User:tom", "admin", "Org:root")));
    List<Fact> j2 = facts(tree2, List.of(f("has_role", "User:uma", "member", "Org:eu")));
    List<Fact> j12 = facts(j1, List.of(f("has_role", "User:uma", "member", "Org:eu")));
    List<Fact> k1 =
        List.of(
            f("has_role", "Team:core", "writer", "Repo:r"),
            f("member_of", "User:val", "Team:web"),
            f("subteam_of", "Team:web", "Team:core"));
    List<Fact> l1 =
        List.of(
            f("has_role", "User:xia", "helpdesk"),
            f("is_impersonating", "User:xia", "User:yan"),
            f("has_role", "User:yan", "owner", "Ticket:t"));
    List<Fact> m1 = List.of(f("has_role", "User:zed", "steward", "Dataset:ds"));
    return Stream.of(
        authorize("I1", I, chain, "User:rae", "view", "Report:q3", true),
        authorize(
            "I2",
            I,
            facts(chain, List.of(f("has_relation", "User:sam", "manager", "User:rae"))),
            "User:sam",
            "view",
            "Report:q3",
            false),
        list(
            "I3",
            I,
            facts(chain, List.of(f("has_relation", "Report:q4", "owner", "User:rae"))),
            "User:quinn",
            "view",
            "Report",
            "q3"),
        authorize("J1", J, j1, "User:tom", "read", "Org:fr", true),
        authorize("J2", J, j2, "User:uma", "read", "Org:fr", true),
        authorize("J3", J, j2, "User:uma", "read", "Org:root", false),
        query("J4 uma", J, j12, "has_role", List.of("User:uma", "admin", "Org:fr"), false),
        query("J4 tom", J, j12, "has_role", List.of("User:tom", "admin", "Org:fr"), true),
        authorize("K1", K, k1, "User:val", "push", "Repo:r", true),
        authorize(
            "K2",
            K,
            facts(k1, List.of(f("member_of", "User:wes", "Team:ops"))),
            "User:wes",
            "pull",
            "Repo:r",
            false),
        authorize("L1", L, l1, "User:xia", "view", "Ticket:t", true),
        authorize("L2", L, l1.subList(1, 3), "User:xia", "view", "Ticket:t", false),
        authorize("L3", L, l1, "User:xia", "impersonate", "User:yan", true),
        authorize("M1", M, m1, "User:zed", "inspect", "Dataset:ds", true),
        authorize("M2", M, m1, "User:zed", "query", "Dataset:ds", true),
        authorize(
            "M3",
            M,
            List.of(f("has_role", "User:zed", "steward", "Asset:ds")),
            "User:zed",
            "inspect",
            "Dataset:ds",
            false),
        list(
            "M4",
            M,
            facts(m1, List.of(f("has_role", "User:zed", "steward", "Asset:a1"))),
            "User:zed",
            "inspect",
            "Asset",
            "a1"));
  }
}
