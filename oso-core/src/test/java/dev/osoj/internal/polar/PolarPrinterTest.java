package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Golden output of the printer: layout, escapes and the parentheses it chooses. */
class PolarPrinterTest {

  private static String reprint(String text) {
    return PolarPrinter.print(Parser.parse(new PolicySource("p.polar", text)));
  }

  @Test
  void print_blocksAndTests_useTwoSpaceIndentAndOneItemPerLine() {
    String text =
        "actor User{}  resource Repo extends Asset{roles=[\"r\",\"w\",];relations={parent:Repo,};"
            + "\"r\" if \"w\" or \"r\" on \"parent\";}\n"
            + "global{permissions=[\"p\"];}\n"
            + "test fixture fx{f(1);}\n"
            + "test \"t\"{setup{fixture fx;g(User{\"a\"});}assert f(x:Integer)iff x in[1];"
            + "assert_not f(2);}";

    assertThat(reprint(text))
        .isEqualTo(
            "actor User {\n"
                + "}\n"
                + "resource Repo extends Asset {\n"
                + "  roles = [\"r\", \"w\"];\n"
                + "  relations = { parent: Repo };\n"
                + "  \"r\" if \"w\" or \"r\" on \"parent\";\n"
                + "}\n"
                + "global {\n"
                + "  permissions = [\"p\"];\n"
                + "}\n"
                + "test fixture fx {\n"
                + "  f(1);\n"
                + "}\n"
                + "test \"t\" {\n"
                + "  setup {\n"
                + "    fixture fx;\n"
                + "    g(User{\"a\"});\n"
                + "  }\n"
                + "  assert f(x: Integer) iff x in [1];\n"
                + "  assert_not f(2);\n"
                + "}\n");
  }

  @Test
  void print_expressions_addOnlyTheParenthesesTheTreeNeeds() {
    assertThat(reprint("f(x) if ((a() and b())) or not (c() or d()) and not not e();"))
        .isEqualTo("f(x) if a() and b() or not (c() or d()) and not not e();\n");
    assertThat(reprint("f(x) if (a() or b()) or (c() and d()) and (e() and g());"))
        .isEqualTo("f(x) if (a() or b()) or (c() and d()) and (e() and g());\n");
  }

  @Test
  void print_literals_useCanonicalSpellingAndEscapes() {
    assertThat(
            reprint(
                "@flag f(String{\"a\\\\b\\\"c\\td\\q\"}, Integer{+7}, Boolean{true}, _, "
                    + "@current_unix_time, _: User) if x matches! T and y != -3;"))
        .isEqualTo(
            "@flag f(\"a\\\\b\\\"c\\tdq\", 7, true, _, @current_unix_time, _: User) if x matches!"
                + " T and y != -3;\n");
  }

  @Test
  void print_otherStatements_roundTripTheirKeywords() {
    assertThat(reprint("declare f(User,String);type g(a:User);?=g(User{\"a\"});"))
        .isEqualTo("declare f(User, String);\ntype g(a: User);\n?= g(User{\"a\"});\n");
  }

  @Test
  void print_longRule_putsEachConjunctOnItsOwnLine() {
    String text =
        "has_permission(user: User, \"read\", doc: Document) if has_role(user, \"reader\", doc)"
            + " and (is_public(doc, true) or is_owner(user, doc)) and not is_banned(user);";

    assertThat(reprint(text))
        .isEqualTo(
            "has_permission(user: User, \"read\", doc: Document) if\n"
                + "  has_role(user, \"reader\", doc) and\n"
                + "  (is_public(doc, true) or is_owner(user, doc)) and\n"
                + "  not is_banned(user);\n");
  }
}
