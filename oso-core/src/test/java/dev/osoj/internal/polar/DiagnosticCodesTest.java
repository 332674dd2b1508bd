package dev.osoj.internal.polar;

import static dev.osoj.internal.polar.PolicyErrors.all;
import static dev.osoj.internal.polar.PolicyErrors.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.internal.program.Program;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error code of the polar.md §3.11 catalogue (beyond X1–X18) and the warnings. */
class DiagnosticCodesTest {
  private static final String REPO =
      "actor User {}\n"
          + "resource Repo {\n"
          + "  roles = [\"reader\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  relations = { owner: User, parent: Repo };\n";

  @Test
  void duplicateBlock_sameTypeTwice_namesFirstDeclaration() {
    assertThat(errors("actor User {}\nresource User {}\n"))
        .containsExactly(
            "DuplicateBlock policy.polar:2:10: type 'User' is already declared at"
                + " policy.polar:1:7");
  }

  @Test
  void badDeclaration_repeatedKeyAndExtendsCycle_reported() {
    assertThat(
            errors(
                "resource A extends B { roles = [\"x\"]; roles = [\"y\"]; }\n"
                    + "resource B extends A {}\n"))
        .containsExactly(
            "BadDeclaration policy.polar:1:10: 'A' extends 'B', which already extends 'A'",
            "BadDeclaration policy.polar:1:39: 'roles' is declared more than once in 'A'");
  }

  @Test
  void badDeclaration_kindConflictWithSupertype_reported() {
    assertThat(
            errors(
                "resource A { roles = [\"x\"]; }\nresource B extends A { permissions = [\"x\"]; }\n"))
        .containsExactly(
            "BadDeclaration policy.polar:2:10: 'x' is a permission of 'B' but a role of its"
                + " supertype 'A'");
  }

  @Test
  void badDeclaration_inheritedRelationWithOtherOrUnknownTarget_reportedWithoutCrash() {
    assertThat(
            errors(
                "actor User {}\nactor Team {}\n"
                    + "resource A { relations = { owner: User, p: Tem }; }\n"
                    + "resource B extends A { relations = { owner: Team, p: User }; }\n"))
        .containsExactly(
            "UnknownType policy.polar:3:44: unknown type 'Tem'; did you mean 'Team'?",
            "BadDeclaration policy.polar:4:10: relation 'owner' of 'B' targets 'Team' but its"
                + " supertype 'A' declares 'User'");
  }

  @Test
  void badDeclaration_relationsInGlobalBlock_reported() {
    assertThat(errors("actor User {}\nglobal { relations = { owner: User }; }\n"))
        .containsExactly(
            "BadDeclaration policy.polar:2:10: the global block cannot declare relations:"
                + " a relation needs a resource");
  }

  @Test
  void invalidShorthandHead_relationOrUnknownVariable_reported() {
    assertThat(errors(REPO + "  \"owner\" if \"reader\";\n  writer if \"reader\";\n}\n"))
        .containsExactly(
            "InvalidShorthandHead policy.polar:6:3: 'owner' is a relation of 'Repo'; a"
                + " shorthand head must be a role or permission",
            "InvalidShorthandHead policy.polar:7:3: 'writer' is not a valid shorthand head;"
                + " expected a quoted role or permission of 'Repo', 'role' or 'permission'");
  }

  @Test
  void undeclaredTerm_misspeltRole_hintsClosestName() {
    assertThat(errors(REPO + "  \"read\" if \"raeder\";\n}\n"))
        .containsExactly(
            "UndeclaredTerm policy.polar:6:13: 'raeder' is not a role, permission or relation"
                + " of 'Repo'; did you mean 'reader'?");
  }

  @Test
  void undeclaredTerm_roleVariableWithoutRoles_reported() {
    assertThat(errors("resource A { permissions = [\"p\"]; \"p\" if role; }\n"))
        .containsExactly(
            "UndeclaredTerm policy.polar:1:35: 'role' ranges over the roles of 'A', which"
                + " declares none");
  }

  @Test
  void unknownRelation_misspelt_hintsClosestRelation() {
    assertThat(errors(REPO + "  \"read\" if \"reader\" on \"parnet\";\n}\n"))
        .containsExactly(
            "UnknownRelation policy.polar:6:25: 'Repo' has no relation 'parnet'; did you mean"
                + " 'parent'?");
  }

  @Test
  void unknownGlobal_misspeltGlobalRole_hintsClosestName() {
    assertThat(
            errors(
                "actor User {}\nglobal { roles = [\"admin\"]; }\n"
                    + "resource Org { roles = [\"owner\"]; \"owner\" if global \"admn\"; }\n"))
        .containsExactly(
            "UnknownGlobal policy.polar:3:53: 'admn' is not a role or permission of the global"
                + " block; did you mean 'admin'?");
  }

  @Test
  void typeError_relationToNonActorAndBadComparisons_reported() {
    assertThat(
            errors(
                REPO
                    + "  \"reader\" if \"parent\";\n}\n"
                    + "f(x: Integer) if x > \"a\";\n"
                    + "g(x: User) if x matches Integer;\n"
                    + "h(x: User) if x < 3;\n"))
        .containsExactly(
            "TypeError policy.polar:6:15: relation 'parent' of 'Repo' targets non-actor type"
                + " 'Repo'; use '\"<role>\" on \"parent\"'",
            "TypeError policy.polar:8:18: '>' compares integers, but '\"a\"' is a 'String'",
            "TypeError policy.polar:9:15: variable 'x' cannot be both 'User' and 'Integer'",
            "TypeError policy.polar:10:15: '<' compares integers, but variable 'x' is a 'User'");
  }

  @Test
  void typeError_variableInInList_reported() {
    assertThat(errors("f(x, y) if g(x, y) and x in [\"a\", y];\n"))
        .containsExactly(
            "TypeError policy.polar:1:35: the list of 'in' may hold only literals, found 'y'");
  }

  @Test
  void unsafeVariable_unboundBodyVariableAndShorthandArgument_reported() {
    assertThat(
            errors(
                REPO
                    + "  \"read\" if is_public(resource, x);\n}\n"
                    + "h(y: Integer) if z < y and z != 1;\n"))
        .containsExactly(
            "UnsafeVariable policy.polar:6:33: variable 'x' is not available in a shorthand"
                + " rule; use 'actor', 'resource' or '_'",
            "UnsafeVariable policy.polar:8:18: variable 'z' is never bound: use it in a call,"
                + " in 'z in [...]' or in 'z = <bound term>'");
  }

  @Test
  void unsafeVariable_underscoreNameInsideAndOutsideNot_reported() {
    assertThat(errors("n(u) if is_member(u, _r) and not is_x(_r);\n"))
        .containsExactly(
            "UnsafeVariable policy.polar:1:30: variable '_r' inside 'not' also occurs outside"
                + " it; variables starting with '_' are local to a negation");
  }

  @Test
  void unsafeVariable_headVariableOnlyInNot_reported() {
    assertThat(errors("actor User {}\nf(u: User) if not banned(u);\n"))
        .containsExactly(
            "UnsafeVariable policy.polar:2:15: variable 'u' in 'not banned(u)' must also occur"
                + " in a positive call of the same rule");
  }

  @Test
  void ruleTypeMismatch_ruleOutsideDeclaredShapes_reported() {
    assertThat(
            errors(
                "actor User {}\nresource Repo {}\n"
                    + "type member(u: User, r: Repo);\n"
                    + "member(u: User, r: Repo) if in_repo(u, r);\n"
                    + "member(u: Actor, r: Repo) if in_repo(u, r);\n"))
        .containsExactly(
            "RuleTypeMismatch policy.polar:5:1: rule 'member(u: Actor, r: Repo) if …' matches"
                + " no declared rule type; expected 'type member(u: User, r: Repo)'");
  }

  @Test
  void unsupportedSyntax_ruleFlagAndInlineQuery_reported() {
    assertThat(errors("@internal k(x) if g(x);\n?= g(1);\n"))
        .containsExactly(
            "UnsupportedSyntax policy.polar:1:1: rule flag '@internal' is internal to Oso and"
                + " cannot be written in a policy",
            "UnsupportedSyntax policy.polar:2:1: inline queries ('?=') are not supported;"
                + " write a test block instead");
  }

  @Test
  void unknownFixture_misspelt_hintsClosestFixture() {
    assertThat(
            errors(
                "actor User {}\ntest fixture people { has_role(User{\"a\"}, \"x\"); }\n"
                    + "test \"t\" { setup { fixture peeple; } assert has_role(User{\"a\"}, \"x\"); }\n"
                    + "f(u: User) if has_role(u, \"x\");\n"))
        .containsExactly(
            "UnknownFixture policy.polar:3:28: unknown fixture 'peeple'; did you mean 'people'?");
  }

  @Test
  void invalidFact_setupFactWithUnknownPredicate_hintsClosestPredicate() {
    assertThat(
            errors(
                "actor User {}\nf(u: User) if has_role(u, \"x\");\n"
                    + "test \"t\" { setup { has_rol(User{\"a\"}, \"x\"); }"
                    + " assert f(User{\"a\"}); }\n"))
        .containsExactly(
            "InvalidFact policy.polar:3:20: fact 'has_rol(User:a, String:x)': the policy never"
                + " uses predicate 'has_rol'; declare it with 'declare has_rol(...);' or use it in"
                + " a rule; did you mean 'has_role'?");
  }

  @Test
  void duplicateFixture_sameNameTwice_reported() {
    assertThat(errors("declare p(Integer);\ntest fixture a { p(1); }\ntest fixture a { p(2); }\n"))
        .containsExactly(
            "DuplicateFixture policy.polar:3:14: fixture 'a' is already declared at"
                + " policy.polar:2:14");
  }

  @Test
  void iffVariable_notInAssertion_isUnsafeVariable() {
    assertThat(errors("declare p(Integer);\ntest \"t\" { assert p(x) iff x = y; }\n"))
        .containsExactly(
            "UnsafeVariable policy.polar:2:32: variable 'y' in 'iff' does not occur in the"
                + " assertion 'p(x)'");
  }

  @Test
  void plainType_unknownButNotMisspelt_acceptedWithWarning() {
    Program program =
        PolicyLoader.load(
            "actor User {}\nresource Repo {}\n"
                + "has_role(user: User, role: String, repo: Repo) if group matches Group and"
                + " has_group(user, group) and has_role(group, role, repo);\n");

    assertThat(PolicyErrors.render(program.warnings()))
        .containsExactly(
            "UndeclaredType policy.polar:3:65: type 'Group' has no actor or resource block; it"
                + " is treated as a resource type without roles, permissions or relations");
    assertThat(program.types().isSubtype("Group", "Resource")).isTrue();
    assertThat(program.types().isSubtype("Group", "Actor")).isFalse();
    assertThat(program.blocks().get("Group").roles()).isEmpty();
    assertThat(program.signatures().byPredicate().get("has_role"))
        .contains(List.of("Group", "String", "Repo"));
  }

  @Test
  void warnings_singletonInAndAssertNotIffDuplicateTestAndMisspeltPredicate_collected() {
    Program program =
        PolicyLoader.load(
            "actor User {}\n"
                + "f(u: User, x) if has_rol(u, \"a\") and u in [1, 2];\n"
                + "test \"t\" { assert_not f(u: User, 1) iff u = User{\"a\"}; }\n"
                + "test \"t\" { assert f(User{\"b\"}, 2); }\n");

    assertThat(PolicyErrors.render(program.warnings()))
        .containsExactly(
            "SingletonVariable policy.polar:2:12: variable 'x' occurs only once in the rule; if"
                + " that is intended, name it '_x' or '_'",
            "UnknownPredicate policy.polar:2:18: 'has_rol/2' has no rules and no declaration, so"
                + " only facts can satisfy it; did you mean 'has_role'?",
            "InWithNonString policy.polar:2:44: 'in' lists should hold strings; '1' is accepted"
                + " as an extension",
            "AssertNotIff policy.polar:3:12: 'assert_not … iff' is confusing: it passes exactly"
                + " when the same 'assert … iff' fails",
            "DuplicateTest policy.polar:4:6: test name 't' is already used at policy.polar:3:6");
  }

  @Test
  void assertion_onPredicateThePolicyNeverMentions_warnsWithHint() {
    Program program =
        PolicyLoader.load(
            "actor User {}\nresource Doc { permissions = [\"read\"]; }\n"
                + "test \"t\" { assert alow(User{\"a\"}, \"read\", Doc{\"d\"}); }\n");

    assertThat(PolicyErrors.render(program.warnings()))
        .containsExactly(
            "UnknownPredicate policy.polar:3:19: 'alow/3' is used by no rule, call or declaration"
                + " of the policy, so the assertion cannot hold; did you mean 'allow'?");
  }

  @Test
  void allDiagnostics_errorsAndWarnings_sortedBySourcePosition() {
    assertThat(all("f(x) if g(y);\nactor User {}\nresource R { roles = [\"a\", \"a\"]; }\n"))
        .containsExactly(
            "SingletonVariable policy.polar:1:3: variable 'x' occurs only once in the rule; if"
                + " that is intended, name it '_x' or '_'",
            "SingletonVariable policy.polar:1:11: variable 'y' occurs only once in the rule; if"
                + " that is intended, name it '_y' or '_'",
            "BadDeclaration policy.polar:3:28: 'a' is declared twice in 'R': already a role");
  }
}
