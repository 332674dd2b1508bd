package dev.osoj.internal.polar;

import static dev.osoj.internal.polar.PolicyErrors.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Fact;
import dev.osoj.InvalidFactException;
import dev.osoj.PolicySyntaxException;
import dev.osoj.PolicyValidationException;
import dev.osoj.Value;
import dev.osoj.internal.program.Program;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rejection cases X1–X19 of polar.md §8, with their exact messages. */
class RejectionCasesTest {
  private static final String POLICY_B_HEAD =
      "actor User {}\n"
          + "resource Company {\n"
          + "  roles = [\"staff\", \"admin\"];\n"
          + "  permissions = [\"read_company\"];\n"
          + "  \"read_company\" if \"staff\";\n"
          + "  \"staff\" if \"admin\";\n"
          + "}\n"
          + "resource Project {\n"
          + "  roles = [\"contributor\", \"lead\"];\n"
          + "  relations = { company: Company };\n";

  @Test
  void x1_undeclaredRoleInBody_isUndeclaredTerm() {
    assertThat(
            errors(
                "actor User {}\nresource R { roles = [\"reader\"]; permissions = [\"read\"];"
                    + " \"read\" if \"viewer\"; }\n"))
        .containsExactly(
            "UndeclaredTerm policy.polar:2:68: 'viewer' is not a role, permission or relation"
                + " of 'R'");
  }

  @Test
  void x2_missingRelation_isUnknownRelation() {
    assertThat(
            errors(
                "actor User {}\nresource R { roles = [\"reader\"];"
                    + " \"reader\" if \"member\" on \"org\"; }\n"))
        .containsExactly("UnknownRelation policy.polar:2:58: 'R' has no relation 'org'");
  }

  @Test
  void x3_roleMissingInRelatedType_isUndeclaredTerm() {
    assertThat(errors(POLICY_B_HEAD + "  \"lead\" if \"owner\" on \"company\";\n}\n"))
        .containsExactly(
            "UndeclaredTerm policy.polar:11:13: 'owner' is not a role, permission or relation"
                + " of 'Company'");
  }

  @Test
  void x4_misspeltRelationTarget_isUnknownTypeWithHint() {
    assertThat(errors("resource Folder { relations = { parent: Foldr }; }\n"))
        .containsExactly(
            "UnknownType policy.polar:1:41: unknown type 'Foldr'; did you mean 'Folder'?");
  }

  @Test
  void x5_misspeltParameterType_isUnknownTypeWithHint() {
    assertThat(
            errors(
                "actor User {}\nresource Repo {}\nhas_permission(_u: Usr, \"read\", _r: Repo);\n"))
        .containsExactly("UnknownType policy.polar:3:20: unknown type 'Usr'; did you mean 'User'?");
  }

  @Test
  void x6_globalWithoutGlobalBlock_isUnknownGlobal() {
    assertThat(errors("resource Org { roles = [\"admin\"]; \"admin\" if global \"root\"; }\n"))
        .containsExactly(
            "UnknownGlobal policy.polar:1:53: 'root' is not a global role or permission:"
                + " the policy has no global block");
  }

  @Test
  void x7_negatedDisjunction_isInvalidNegation() {
    assertThat(
            errors(
                "actor User {}\nresource Doc {}\n"
                    + "allow(u: User, \"read\", d: Doc) if has_role(u, \"reader\", d) and"
                    + " not (is_banned(u) or is_frozen(d));\n"))
        .containsExactly(
            "InvalidNegation policy.polar:3:64: 'not' must apply to a single call, not to a"
                + " compound expression; negate one fact lookup at a time (or enable extended"
                + " negation)");
  }

  @Test
  void x8_variableOnlyInsideNot_isUnsafeVariable() {
    assertThat(
            errors(
                "actor User {}\nresource Doc {}\n"
                    + "has_permission(u: User, \"read\", d: Doc) if has_role(u, \"reader\", d) and"
                    + " not blocked_by(u, other);\n"))
        .containsExactly(
            "UnsafeVariable policy.polar:3:73: variable 'other' in 'not blocked_by(u, other)'"
                + " must also occur in a positive call of the same rule");
  }

  @Test
  void x9_negatedDerivedPredicate_isInvalidNegation() {
    assertThat(
            errors(
                "actor User {}\nresource Doc {}\n"
                    + "can_edit(u: User, d: Doc) if has_role(u, \"editor\", d);\n"
                    + "has_permission(u: User, \"view\", d: Doc) if not can_edit(u, d) and"
                    + " has_role(u, \"viewer\", d);\n"))
        .containsExactly(
            "InvalidNegation policy.polar:4:44: cannot negate 'can_edit/2': it is defined by"
                + " the rule at policy.polar:3:1; 'not' applies only to stored facts");
  }

  @Test
  void x10_inWithoutListLiteral_isParseError() {
    assertThatThrownBy(
            () -> PolicyLoader.load("actor User {}\nok(u: User) if role in roles_of(u);\n"))
        .isInstanceOf(PolicySyntaxException.class)
        .satisfies(
            e ->
                assertThat(((PolicySyntaxException) e).errors().get(0).code())
                    .isEqualTo("ParseError"))
        .hasMessage(
            "policy.polar:2:24: 'in' needs a list literal on the right, e.g. x in [\"a\", \"b\"],"
                + " found 'roles_of'");
  }

  @Test
  void x11_doubleEquals_isUnsupportedSyntax() {
    assertThatThrownBy(() -> PolicyLoader.load("f(x: Integer) if x == 3;\n"))
        .isInstanceOf(PolicySyntaxException.class)
        .satisfies(
            e ->
                assertThat(((PolicySyntaxException) e).errors().get(0).code())
                    .isEqualTo("UnsupportedSyntax"))
        .hasMessage("policy.polar:1:20: '==' is not supported in Oso Cloud Polar: use '='");
  }

  @Test
  void x12_fieldAccess_isUnsupportedSyntax() {
    assertThatThrownBy(
            () ->
                PolicyLoader.load(
                    "actor User {}\nresource Repo {}\n"
                        + "has_permission(u: User, \"read\", r: Repo) if r.is_public = true;\n"))
        .isInstanceOf(PolicySyntaxException.class)
        .satisfies(
            e ->
                assertThat(((PolicySyntaxException) e).errors().get(0).code())
                    .isEqualTo("UnsupportedSyntax"))
        .hasMessage(
            "policy.polar:3:46: field access with '.' is not supported: model it as a fact, e.g."
                + " is_public(r, true)");
  }

  @Test
  void x13_nameDeclaredAsRoleAndPermission_isBadDeclaration() {
    assertThat(errors("resource R { roles = [\"admin\"]; permissions = [\"admin\"]; }\n"))
        .containsExactly(
            "BadDeclaration policy.polar:1:48: 'admin' is declared twice in 'R': already a role");
  }

  @Test
  void x14_relationsAsList_isBadDeclaration() {
    assertThat(errors("resource R { relations = [\"parent\"]; }\n"))
        .containsExactly(
            "BadDeclaration policy.polar:1:26: 'relations' in 'R' must be a map such as"
                + " { parent: Folder }");
  }

  @Test
  void x15_twoGlobalBlocks_isDuplicateBlock() {
    assertThat(errors("global { roles = [\"a\"]; }\nglobal { roles = [\"b\"]; }\n"))
        .containsExactly(
            "DuplicateBlock policy.polar:2:1: a policy may have only one global block;"
                + " another is at policy.polar:1:1");
  }

  @Test
  void x16_unknownDeclarationKey_isBadDeclaration() {
    assertThat(errors("resource R { actions = [\"read\"]; }\n"))
        .containsExactly(
            "BadDeclaration policy.polar:1:14: unknown declaration 'actions' in 'R';"
                + " expected 'roles', 'permissions' or 'relations'");
  }

  @Test
  void x17_floatingPointLiteral_isUnsupportedSyntax() {
    assertThatThrownBy(
            () ->
                PolicyLoader.load("resource Plan {}\ncheap(p: Plan) if price(p, x) and x < 1.5;\n"))
        .isInstanceOf(PolicySyntaxException.class)
        .satisfies(
            e ->
                assertThat(((PolicySyntaxException) e).errors().get(0).code())
                    .isEqualTo("UnsupportedSyntax"))
        .hasMessage("policy.polar:2:39: '1.5': floating-point numbers are not supported");
  }

  @Test
  void x18_testWithoutAssertion_isParseError() {
    assertThatThrownBy(
            () ->
                PolicyLoader.load(
                    "actor User {}\nresource R {}\n"
                        + "test \"t\" { setup { has_role(User{\"a\"}, \"x\", R{\"r\"}); } }\n"))
        .isInstanceOf(PolicySyntaxException.class)
        .satisfies(
            e ->
                assertThat(((PolicySyntaxException) e).errors().get(0).code())
                    .isEqualTo("ParseError"))
        .hasMessage(
            "policy.polar:3:56: test 't' has no assertions: add at least one 'assert' or"
                + " 'assert_not'");
  }

  @Test
  void x19_factsPolicyCannotUse_areRejectedBySignatures() throws IOException {
    Program program = PolicyLoader.load(resource("policy-A.polar"));
    Value a = new Value("User", "a");

    assertThatThrownBy(
            () ->
                program
                    .signatures()
                    .check(
                        Fact.of("has_rol", a, Value.of("guest"), new Value("Workspace", "w")),
                        program.types()))
        .isInstanceOf(InvalidFactException.class)
        .hasMessageContaining("never uses predicate 'has_rol'");
    assertThatThrownBy(
            () ->
                program
                    .signatures()
                    .check(Fact.of("has_role", a, Value.of("guest")), program.types()))
        .isInstanceOf(InvalidFactException.class)
        .hasMessageContaining("takes no 2 arguments");
    assertThatThrownBy(
            () ->
                program
                    .signatures()
                    .check(
                        Fact.of("has_role", a, Value.of("guest"), new Value("User", "b")),
                        program.types()))
        .isInstanceOf(InvalidFactException.class)
        .hasMessageContaining("match no accepted signature");
    program
        .signatures()
        .check(
            Fact.of("has_role", a, Value.of("guest"), new Value("Workspace", "w")),
            program.types());
  }

  @Test
  void x1_x2_x13_inOnePolicy_allReportedTogetherInSourceOrder() {
    assertThatThrownBy(
            () ->
                PolicyLoader.load(
                    "actor User {}\n"
                        + "resource R { roles = [\"admin\"]; permissions = [\"admin\"]; }\n"
                        + "resource S { roles = [\"reader\"]; \"reader\" if \"member\" on \"org\";"
                        + " \"reader\" if \"viewer\"; }\n"))
        .isInstanceOf(PolicyValidationException.class)
        .hasMessage(
            "policy.polar:2:48: 'admin' is declared twice in 'R': already a role\n"
                + "policy.polar:3:58: 'S' has no relation 'org'\n"
                + "policy.polar:3:77: 'viewer' is not a role, permission or relation of 'S'");
  }

  static String resource(String name) throws IOException {
    try (InputStream in =
        RejectionCasesTest.class.getResourceAsStream("/dev/osoj/internal/polar/policies/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource '" + name + "'");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
