package dev.osoj.internal.polar;

import static dev.osoj.internal.polar.RejectionCasesTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osoj.Fact;
import dev.osoj.PolicySyntaxException;
import dev.osoj.PolicyValidationException;
import dev.osoj.Value;
import dev.osoj.internal.program.Block;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PolarTest;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.ProgramPrinter;
import dev.osoj.internal.program.Term;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading whole policies: the worked examples of polar.md §8, several files, program parts. */
class PolicyLoaderTest {
  @ParameterizedTest(name = "policy {0} loads")
  @ValueSource(strings = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"})
  void load_workedExamplePolicy_loadsWithoutDiagnostics(String letter) throws IOException {
    Program program = PolicyLoader.load(resource("policy-" + letter + ".polar"));

    assertThat(program.rules()).isNotEmpty();
    assertThat(program.warnings()).isEmpty();
  }

  @Test
  void load_policyFWithCustomAllow_hasNoDefaultAllow() throws IOException {
    Program program =
        PolicyLoader.load(
            List.of(
                new PolicySource("f.polar", resource("policy-F.polar")),
                new PolicySource("f-allow.polar", resource("policy-F-extra.polar"))));

    assertThat(program.rules(new dev.osoj.internal.program.PredicateKey("allow", 3)))
        .singleElement()
        .satisfies(r -> assertThat(r.span().file()).isEqualTo("f-allow.polar"));
  }

  @Test
  void load_policyAWithTestBlock_compilesAssertionsAndIff() throws IOException {
    Program program =
        PolicyLoader.load(resource("policy-A.polar") + resource("policy-tests.polar"));

    PolarTest test = program.tests().get(0);
    assertThat(test.name()).isEqualTo("workspace roles");
    assertThat(test.facts())
        .containsExactly(
            Fact.of("has_role", user("ana"), Value.of("guest"), new Value("Workspace", "w1")),
            Fact.of("has_role", user("ben"), Value.of("owner"), new Value("Workspace", "w1")));
    assertThat(test.assertions()).hasSize(4);
    PolarTest.Assertion third = test.assertions().get(2);
    assertThat(third.negated()).isFalse();
    assertThat(third.predicate()).isEqualTo("allow");
    assertThat(third.args())
        .containsExactly(
            new Param(new Term.Const(user("ben")), null),
            new Param(new Term.Var("action"), "String"),
            new Param(new Term.Const(new Value("Workspace", "w1")), null));
    assertThat(third.iff()).hasSize(1);
    assertThat(ProgramPrinter.conjunction(third.iff().get(0)))
        .isEqualTo("action in [\"view\", \"edit\", \"remove\"]");
    assertThat(third.text())
        .isEqualTo(
            "assert allow(User{\"ben\"}, action: String, Workspace{\"w1\"}) iff action in"
                + " [\"view\", \"edit\", \"remove\"]");
    assertThat(test.assertions().get(1).negated()).isTrue();
    assertThat(test.assertions().get(0).iff()).isNull();
  }

  @Test
  void load_iffWithOrAndFixtures_compilesDnfAndExpandsFixturesOnce() {
    Program program =
        PolicyLoader.load(
            "actor User {}\n"
                + "resource Org { roles = [\"member\"]; permissions = [\"read\"];"
                + " \"read\" if \"member\"; }\n"
                + "test fixture base { has_role(User{\"a\"}, \"member\", Org{\"o\"}); }\n"
                + "test \"t\" {\n"
                + "  setup { fixture base; fixture base; has_role(User{\"b\"}, \"member\","
                + " Org{\"o\"}); }\n"
                + "  assert allow(u: User, \"read\", Org{\"o\"}) iff u = User{\"a\"} or"
                + " u = User{\"b\"};\n"
                + "  assert allow(_, _, Org{\"o\"});\n"
                + "}\n");

    PolarTest test = program.tests().get(0);
    assertThat(test.facts()).hasSize(2);
    List<List<Literal>> iff = test.assertions().get(0).iff();
    assertThat(iff).hasSize(2);
    assertThat(ProgramPrinter.conjunction(iff.get(1))).isEqualTo("u = User{\"b\"}");
    assertThat(test.assertions().get(1).args())
        .extracting(Param::term)
        .containsExactly(
            new Term.Var("_1"), new Term.Var("_2"), new Term.Const(new Value("Org", "o")));
  }

  @Test
  void load_severalFiles_formOnePolicyWithFileNamesInSpans() {
    Program program =
        PolicyLoader.load(
            List.of(
                new PolicySource(
                    "tests.polar",
                    "test \"t\" { setup { fixture f; }"
                        + " assert allow(User{\"a\"}, \"read\", Doc{\"d\"}); }\n"),
                new PolicySource(
                    "doc.polar",
                    "resource Doc { roles = [\"reader\"]; permissions = [\"read\"];"
                        + " \"read\" if \"reader\"; }\n"),
                new PolicySource(
                    "users.polar",
                    "actor User {}\n"
                        + "test fixture f { has_role(User{\"a\"}, \"reader\", Doc{\"d\"}); }\n")));

    assertThat(program.blocks().keySet()).containsExactly("Doc", "User");
    assertThat(program.rules().get(0).span().file()).isEqualTo("doc.polar");
    assertThat(program.tests().get(0).facts()).hasSize(1);
    assertThat(program.tests().get(0).span().file()).isEqualTo("tests.polar");
  }

  @Test
  void load_errorsInSeveralFiles_allReportedInFileOrder() {
    PolicyValidationException e =
        catchThrowableOfType(
            PolicyValidationException.class,
            () ->
                PolicyLoader.load(
                    List.of(
                        new PolicySource(
                            "b.polar", "resource R { roles = [\"x\"]; \"y\" if \"x\"; }\n"),
                        new PolicySource("a.polar", "f(u: Usr) if g(u);\nactor User {}\n"))));

    assertThat(PolicyErrors.render(e.errors()))
        .containsExactly(
            "UndeclaredTerm b.polar:1:29: 'y' is not a role, permission or relation of 'R'",
            "UnknownType a.polar:1:6: unknown type 'Usr'; did you mean 'User'?");
  }

  @Test
  void load_syntaxErrorsInSeveralFiles_allReported() {
    PolicySyntaxException e =
        catchThrowableOfType(
            PolicySyntaxException.class,
            () ->
                PolicyLoader.load(
                    List.of(
                        new PolicySource("one.polar", "f(x) if ;\n"),
                        new PolicySource("ok.polar", "actor User {}\n"),
                        new PolicySource("two.polar", "g(x) if x == 1;\n"))));

    assertThat(e.errors())
        .extracting(d -> d.span().file())
        .containsExactly("one.polar", "two.polar");
  }

  @Test
  void load_policyM_buildsHierarchyAndEffectiveBlocks() throws IOException {
    Program program = PolicyLoader.load(resource("policy-M.polar"));

    assertThat(program.types().directSupertypes())
        .containsEntry("User", List.of("Actor"))
        .containsEntry("Asset", List.of("Resource"))
        .containsEntry("Dataset", List.of("Resource", "Asset"));
    Block dataset = program.blocks().get("Dataset");
    assertThat(dataset.actor()).isFalse();
    assertThat(dataset.roles()).containsExactly("steward");
    assertThat(dataset.permissions()).containsExactly("query", "inspect");
    assertThat(program.blocks().get("User").actor()).isTrue();
    assertThat(program.global()).isNull();
  }

  @Test
  void load_policyC_exposesGlobalBlockAndTwoAryRoleSignature() throws IOException {
    Program program = PolicyLoader.load(resource("policy-C.polar"));

    assertThat(program.global()).isNotNull();
    assertThat(program.global().roles()).containsExactly("superuser", "support");
    assertThat(program.global().permissions()).containsExactly("create_company");
    assertThat(program.signatures().byPredicate().get("has_role"))
        .contains(List.of("Actor", "String"), List.of("Actor", "String", "Company"));
  }

  @Test
  void load_policyA_signaturesFromHeadsCallsAndDefaultAllow() throws IOException {
    Program program = PolicyLoader.load(resource("policy-A.polar"));

    Map<String, Set<List<String>>> signatures = program.signatures().byPredicate();
    assertThat(signatures.keySet())
        .containsExactlyInAnyOrder("has_role", "has_permission", "allow");
    assertThat(signatures.get("has_role")).containsExactly(List.of("Actor", "String", "Workspace"));
    assertThat(signatures.get("has_permission"))
        .containsExactlyInAnyOrder(
            List.of("Actor", "String", "Workspace"), List.of("Any", "Any", "Any"));
  }

  @Test
  void load_declareAndComparedVariable_contributeSignatures() {
    Program program =
        PolicyLoader.load(
            "actor User {}\nresource Vault {}\n"
                + "declare audit_log(User, Integer);\n"
                + "ok(v: Vault) if limit(v, n) and n >= 10 and tagged(v, t) and t in [\"a\"];\n"
                + "policy_fact(Vault{\"v\"}, 3);\n");

    Map<String, Set<List<String>>> signatures = program.signatures().byPredicate();
    assertThat(signatures.get("audit_log")).containsExactly(List.of("User", "Integer"));
    assertThat(signatures.get("limit")).containsExactly(List.of("Vault", "Integer"));
    assertThat(signatures.get("tagged")).containsExactly(List.of("Vault", "Any"));
    assertThat(signatures.get("policy_fact")).containsExactly(List.of("Vault", "Integer"));
    assertThat(program.rules().get(1).body()).isEmpty();
  }

  @Test
  void load_policyG_keepsTimeAndComparisons() throws IOException {
    Program program = PolicyLoader.load(resource("policy-G.polar"));

    assertThat(ProgramPrinter.print(program))
        .contains(
            "has_role(user: User, \"holder\", vault: Vault) if until matches Integer and"
                + " has_role_until(user, \"holder\", vault, until) and"
                + " until > @current_unix_time;");
  }

  @Test
  void load_negationOverPolicyFact_isAllowed() {
    Program program =
        PolicyLoader.load(
            "actor User {}\nbanned(User{\"x\"});\nok(u: User) if member(u) and not banned(u);\n");

    assertThat(program.rules()).hasSize(3);
  }

  private static Value user(String id) {
    return new Value("User", id);
  }
}
