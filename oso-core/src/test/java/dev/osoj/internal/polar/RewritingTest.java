package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.ProgramPrinter;
import dev.osoj.internal.program.Rule;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rewriting of blocks and bodies, compared with the expected rules of polar.md §4. */
class RewritingTest {
  private static final String DEFAULT_ALLOW =
      "allow(actor, action, resource) if has_permission(actor, action, resource);";

  private static List<String> rules(String policy) {
    Program program = PolicyLoader.load(policy);
    return program.rules().stream().map(ProgramPrinter::rule).collect(Collectors.toList());
  }

  @Test
  void rewrite_sixCommonForms_matchSection43() {
    String policy =
        "actor User {}\n"
            + "resource Org {\n"
            + "  roles = [\"member\", \"admin\"];\n"
            + "  permissions = [\"read\"];\n"
            + "  relations = { parent: Org };\n"
            + "}\n"
            + "resource Project {\n"
            + "  roles = [\"viewer\", \"maintainer\"];\n"
            + "  permissions = [\"view\", \"configure\"];\n"
            + "  relations = { org: Org, creator: User };\n"
            + "  \"view\" if \"viewer\";\n"
            + "  \"viewer\" if \"maintainer\";\n"
            + "  \"configure\" if \"view\";\n"
            + "  \"maintainer\" if \"creator\";\n"
            + "  \"viewer\" if \"member\" on \"org\";\n"
            + "  \"view\" if \"read\" on \"org\";\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_permission(actor: Actor, \"view\", resource: Project) if"
                + " has_role(actor, \"viewer\", resource);",
            "has_role(actor: Actor, \"viewer\", resource: Project) if"
                + " has_role(actor, \"maintainer\", resource);",
            "has_permission(actor: Actor, \"configure\", resource: Project) if"
                + " has_permission(actor, \"view\", resource);",
            "has_role(actor: Actor, \"maintainer\", resource: Project) if"
                + " has_relation(resource, \"creator\", actor);",
            "has_role(actor: Actor, \"viewer\", resource: Project) if related matches Org and"
                + " has_relation(resource, \"org\", related) and"
                + " has_role(actor, \"member\", related);",
            "has_permission(actor: Actor, \"view\", resource: Project) if related matches Org and"
                + " has_relation(resource, \"org\", related) and"
                + " has_permission(actor, \"read\", related);",
            DEFAULT_ALLOW);
  }

  @Test
  void rewrite_globalRoles_matchSection44() {
    String policy =
        "actor User {}\n"
            + "global {\n"
            + "  roles = [\"operator\", \"auditor\"];\n"
            + "  permissions = [\"open_tenant\"];\n"
            + "  \"open_tenant\" if \"operator\";\n"
            + "  \"auditor\" if \"operator\";\n"
            + "}\n"
            + "resource Org {\n"
            + "  roles = [\"admin\"];\n"
            + "  permissions = [\"read\"];\n"
            + "  \"admin\" if global \"operator\";\n"
            + "  \"read\" if global \"auditor\";\n"
            + "  \"read\" if \"admin\";\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_permission(actor: Actor, \"open_tenant\") if has_role(actor, \"operator\");",
            "has_role(actor: Actor, \"auditor\") if has_role(actor, \"operator\");",
            "has_role(actor: Actor, \"admin\", resource: Org) if has_role(actor, \"operator\");",
            "has_permission(actor: Actor, \"read\", resource: Org) if"
                + " has_role(actor, \"auditor\");",
            "has_permission(actor: Actor, \"read\", resource: Org) if"
                + " has_role(actor, \"admin\", resource);",
            DEFAULT_ALLOW);
  }

  @Test
  void rewrite_callsAndBooleanCombinations_matchSection45() {
    String policy =
        "actor User {}\n"
            + "resource Doc {\n"
            + "  roles = [\"reader\"];\n"
            + "  permissions = [\"read\", \"share\"];\n"
            + "  \"read\" if is_public(resource);\n"
            + "  \"share\" if \"reader\" and not_locked_flag(resource, false);\n"
            + "  \"read\" if \"reader\" or has_label(resource, \"open\");\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_permission(actor: Actor, \"read\", resource: Doc) if is_public(resource);",
            "has_permission(actor: Actor, \"share\", resource: Doc) if"
                + " has_role(actor, \"reader\", resource) and not_locked_flag(resource, false);",
            "has_permission(actor: Actor, \"read\", resource: Doc) if"
                + " has_role(actor, \"reader\", resource);",
            "has_permission(actor: Actor, \"read\", resource: Doc) if"
                + " has_label(resource, \"open\");",
            DEFAULT_ALLOW);
  }

  @Test
  void rewrite_roleVariableOnRelation_oneRulePerRoleAsInSection46() {
    String policy =
        "actor User {}\n"
            + "resource Folder { roles = [\"reader\", \"writer\"]; }\n"
            + "resource File {\n"
            + "  roles = [\"reader\", \"writer\"];\n"
            + "  relations = { folder: Folder };\n"
            + "  role if role on \"folder\";\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_role(actor: Actor, \"reader\", resource: File) if related matches Folder and"
                + " has_relation(resource, \"folder\", related) and"
                + " has_role(actor, \"reader\", related);",
            "has_role(actor: Actor, \"writer\", resource: File) if related matches Folder and"
                + " has_relation(resource, \"folder\", related) and"
                + " has_role(actor, \"writer\", related);",
            DEFAULT_ALLOW);
  }

  @Test
  void rewrite_variableMissingInRelatedBlock_dropsThatInstanceOnly() {
    String policy =
        "actor User {}\n"
            + "resource Folder { roles = [\"reader\"]; permissions = [\"writer\"]; }\n"
            + "resource File {\n"
            + "  roles = [\"reader\", \"writer\", \"owner\"];\n"
            + "  relations = { folder: Folder };\n"
            + "  role if role on \"folder\";\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_role(actor: Actor, \"reader\", resource: File) if related matches Folder and"
                + " has_relation(resource, \"folder\", related) and"
                + " has_role(actor, \"reader\", related);",
            DEFAULT_ALLOW);
  }

  @Test
  void rewrite_permissionVariableAndBodyOnlyVariable_expandOverTheRightBlock() {
    String policy =
        "actor User {}\n"
            + "resource Org { roles = [\"admin\", \"member\"]; }\n"
            + "resource Repo {\n"
            + "  roles = [\"subscriber\"];\n"
            + "  permissions = [\"read\", \"push\"];\n"
            + "  relations = { org: Org };\n"
            + "  permission if \"admin\" on \"org\";\n"
            + "  \"subscriber\" if role on \"org\";\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_permission(actor: Actor, \"read\", resource: Repo) if related matches Org and"
                + " has_relation(resource, \"org\", related) and"
                + " has_role(actor, \"admin\", related);",
            "has_permission(actor: Actor, \"push\", resource: Repo) if related matches Org and"
                + " has_relation(resource, \"org\", related) and"
                + " has_role(actor, \"admin\", related);",
            "has_role(actor: Actor, \"subscriber\", resource: Repo) if related matches Org and"
                + " has_relation(resource, \"org\", related) and"
                + " has_role(actor, \"admin\", related);",
            "has_role(actor: Actor, \"subscriber\", resource: Repo) if related matches Org and"
                + " has_relation(resource, \"org\", related) and"
                + " has_role(actor, \"member\", related);",
            DEFAULT_ALLOW);
  }

  @Test
  void rewrite_actorBlockWithManagerRelation_matchesPolicyI() {
    String policy =
        "actor User {\n"
            + "  roles = [\"boss\"];\n"
            + "  relations = { manager: User };\n"
            + "  \"boss\" if \"manager\";\n"
            + "  \"boss\" if \"boss\" on \"manager\";\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_role(actor: Actor, \"boss\", resource: User) if"
                + " has_relation(resource, \"manager\", actor);",
            "has_role(actor: Actor, \"boss\", resource: User) if related matches User and"
                + " has_relation(resource, \"manager\", related) and"
                + " has_role(actor, \"boss\", related);",
            DEFAULT_ALLOW);
  }

  @Test
  void rewrite_extendsWithInheritedRole_usesInheritedDeclarations() {
    Program program =
        PolicyLoader.load(
            "actor User {}\n"
                + "resource Asset { roles = [\"steward\"]; permissions = [\"inspect\"];"
                + " \"inspect\" if \"steward\"; }\n"
                + "resource Dataset extends Asset { permissions = [\"query\"];"
                + " \"query\" if \"steward\"; }\n");

    assertThat(ProgramPrinter.print(program.rules()))
        .contains(
            "has_permission(actor: Actor, \"query\", resource: Dataset) if"
                + " has_role(actor, \"steward\", resource);");
    assertThat(program.blocks().get("Dataset").roles()).containsExactly("steward");
    assertThat(program.blocks().get("Dataset").permissions()).containsExactly("query", "inspect");
    assertThat(program.types().isSubtype("Dataset", "Asset")).isTrue();
    assertThat(program.types().isSubtype("Dataset", "Resource")).isTrue();
    assertThat(program.types().isSubtype("Dataset", "Actor")).isFalse();
  }

  @Test
  void rewrite_onResourceAndSeveralOns_treatsResourceAsSelfAndNumbersRelated() {
    String policy =
        "actor User {}\n"
            + "resource Org { roles = [\"admin\"]; }\n"
            + "resource Team { roles = [\"lead\"]; }\n"
            + "resource Repo {\n"
            + "  roles = [\"owner\", \"admin\"];\n"
            + "  relations = { org: Org, team: Team };\n"
            + "  \"admin\" if \"owner\" on resource;\n"
            + "  \"owner\" if \"admin\" on \"org\" and \"lead\" on \"team\";\n"
            + "}\n";

    assertThat(rules(policy))
        .containsExactly(
            "has_role(actor: Actor, \"admin\", resource: Repo) if"
                + " has_role(actor, \"owner\", resource);",
            "has_role(actor: Actor, \"owner\", resource: Repo) if related matches Org and"
                + " has_relation(resource, \"org\", related) and"
                + " has_role(actor, \"admin\", related) and related2 matches Team and"
                + " has_relation(resource, \"team\", related2) and"
                + " has_role(actor, \"lead\", related2);",
            DEFAULT_ALLOW);
  }

  @Test
  void compile_orInsideAnd_splitsIntoDnf() {
    List<String> rules =
        rules("actor User {}\nf(x: User) if (a(x) or b(x)) and (c(x) or d(x, true));\n");

    assertThat(rules)
        .containsExactly(
            "f(x: User) if a(x) and c(x);",
            "f(x: User) if a(x) and d(x, true);",
            "f(x: User) if b(x) and c(x);",
            "f(x: User) if b(x) and d(x, true);",
            DEFAULT_ALLOW);
  }

  @Test
  void compile_anonymousVariables_renamedApartAvoidingUserNames() {
    List<String> rules = rules("f(x, _1) if g(x, _, _1) and h(_, x);\n");

    assertThat(rules.get(0)).isEqualTo("f(x, _1) if g(x, _2, _1) and h(_3, x);");
  }

  @Test
  void compile_trueAndFalse_trueDroppedFalseAlternativeRemoved() {
    List<String> rules =
        rules("f(x) if g(x) and true;\nk(x) if g(x) and false;\nm(x) if false or g(x);\n");

    assertThat(rules).containsExactly("f(x) if g(x);", "m(x) if g(x);", DEFAULT_ALLOW);
  }

  @Test
  void compile_primitiveObjectLiterals_becomePlainLiterals() {
    List<String> rules =
        rules("f(x) if g(x, String{\"a\"}, Integer{3}, Boolean{true}) and x != String{\"b\"};\n");

    assertThat(rules.get(0)).isEqualTo("f(x) if g(x, \"a\", 3, true) and x != \"b\";");
  }

  @Test
  void compile_customAllow3_suppressesDefaultAllow() {
    Program program =
        PolicyLoader.load(
            "actor User {}\nallow(u: User, \"read\", r: Resource) if is_public(r) and u = u;\n");

    assertThat(program.rules()).extracting(Rule::predicate).containsExactly("allow");
  }

  @Test
  void compile_allowOfOtherArity_keepsDefaultAllow() {
    List<String> rules = rules("allow(x) if g(x);\n");

    assertThat(rules).containsExactly("allow(x) if g(x);", DEFAULT_ALLOW);
  }

  @Test
  void compile_origin_describesShorthandAndUserRules() {
    Program program =
        PolicyLoader.load(
            "actor User {}\nresource Project { roles = [\"viewer\"]; permissions = [\"view\"];"
                + " \"view\" if \"viewer\"; }\nf(x: User) if g(x);\n");

    assertThat(program.rules())
        .extracting(Rule::origin)
        .containsExactly(
            "\"view\" if \"viewer\" in resource Project",
            "f(x: User) if …",
            PolicyCompiler.DEFAULT_ALLOW_ORIGIN);
    assertThat(program.rules().get(0).span().line()).isEqualTo(2);
  }
}
