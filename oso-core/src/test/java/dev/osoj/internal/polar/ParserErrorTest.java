package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osoj.Diagnostic;
import dev.osoj.PolicySyntaxException;
import dev.osoj.SourceSpan;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden messages for every syntax error and unsupported construct the parser reports. */
class ParserErrorTest {

  static PolicySyntaxException failure(String text) {
    PolicySyntaxException e =
        catchThrowableOfType(
            PolicySyntaxException.class, () -> Parser.parse(new PolicySource("p.polar", text)));
    assertThat(e).as("syntax error expected for: %s", text).isNotNull();
    return e;
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of(
            "f(x: Integer) if x == 3;",
            "p.polar:1:20: '==' is not supported in Oso Cloud Polar: use '='"),
        Arguments.of(
            "has_permission(u: User, \"read\", r: Repo) if r.is_public = true;",
            "p.polar:1:46: field access with '.' is not supported: model it as a fact, e.g."
                + " is_public(r, true)"),
        Arguments.of(
            "f(x) if x = y.z;",
            "p.polar:1:14: field access with '.' is not supported: model it as a fact, e.g."
                + " is_public(r, true)"),
        Arguments.of(
            "global { \"a\" if x. ; }",
            "p.polar:1:18: field access with '.' is not supported: model it as a fact, e.g."
                + " is_public(r, true)"),
        Arguments.of(
            "cheap(p: Plan) if price(p, x) and x < 1.5;",
            "p.polar:1:39: '1.5': floating-point numbers are not supported"),
        Arguments.of(
            "f(x) if x = 1.5e3;",
            "p.polar:1:13: '1.5e3': floating-point numbers are not supported"),
        Arguments.of(
            "f(x) if x = Integer{2e9};",
            "p.polar:1:21: '2e9': floating-point numbers are not supported"),
        Arguments.of("f(x) if cut;", "p.polar:1:9: 'cut' is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if forall(x, y);", "p.polar:1:9: 'forall' is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if print(x);", "p.polar:1:9: 'print' is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if debug();", "p.polar:1:9: 'debug' is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if y = new Foo();", "p.polar:1:13: 'new' is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if x = 1 mod 2;", "p.polar:1:15: 'mod' is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if x = 1 rem 2;", "p.polar:1:15: 'rem' is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if x := 1;", "p.polar:1:11: ':=' is not supported in Oso Cloud Polar: use '='"),
        Arguments.of(
            "f(x) if !g(x);", "p.polar:1:9: '!' is not supported in Oso Cloud Polar: use 'not'"),
        Arguments.of(
            "f(x) if x + 1;", "p.polar:1:11: arithmetic ('+') is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if x - 1 > 2;",
            "p.polar:1:11: arithmetic ('-') is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if x = y -1;",
            "p.polar:1:15: arithmetic ('-') is not supported in Oso Cloud Polar"),
        Arguments.of(
            "f(x) if x = {a: 1};",
            "p.polar:1:13: dictionary literals are not supported in Oso Cloud Polar: model the"
                + " data as facts"),
        Arguments.of(
            "f(x) if x in [a, *rest];",
            "p.polar:1:18: rest variables such as '*rest' are not supported"),
        Arguments.of(
            "f(x) if x = User{name: \"a\"};",
            "p.polar:1:18: field patterns such as 'User{name: ...}' are not supported: an entity"
                + " literal takes a string id, e.g. User{\"alice\"}"),
        Arguments.of(
            "f(x) if x matches Billing::Invoice;",
            "p.polar:1:19: type name 'Billing::Invoice' is not supported: '::' and '?' cannot"
                + " appear in type names"),
        Arguments.of(
            "resource Ready? {}",
            "p.polar:1:10: type name 'Ready?' is not supported: '::' and '?' cannot appear in"
                + " type names"));
  }

  @ParameterizedTest
  @MethodSource("unsupported")
  void parse_unsupportedConstruct_reportsUnsupportedSyntaxWithHint(String text, String expected) {
    PolicySyntaxException e = failure(text);

    assertThat(e.getMessage()).isEqualTo(expected);
    assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("UnsupportedSyntax");
  }

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        Arguments.of(
            "ok(u: User) if role in roles_of(u);",
            "p.polar:1:24: 'in' needs a list literal on the right, e.g. x in [\"a\", \"b\"], found"
                + " 'roles_of'"),
        Arguments.of(
            "test \"t\" { setup { has_role(User{\"a\"}, \"x\", R{\"r\"}); } }",
            "p.polar:1:56: test 't' has no assertions: add at least one 'assert' or"
                + " 'assert_not'"),
        Arguments.of(
            "test \"t\" {}",
            "p.polar:1:11: test 't' has no assertions: add at least"
                + " one 'assert' or 'assert_not'"),
        Arguments.of(
            "f(x) if x = \"abc;\n",
            "p.polar:1:13: unterminated string '\"abc;': add the closing '\"' before the end of the"
                + " line"),
        Arguments.of(
            "f(x) if x = 99999999999999999999;",
            "p.polar:1:13: integer '99999999999999999999' does not fit in 64 bits (Integer is"
                + " 64-bit signed)"),
        Arguments.of(
            "f(x) if x = -9223372036854775809;",
            "p.polar:1:13: integer '-9223372036854775809' does not fit in 64 bits (Integer is"
                + " 64-bit signed)"),
        Arguments.of("f(x) if x = 'a';", "p.polar:1:13: unexpected 'a': strings use double quotes"),
        Arguments.of("$", "p.polar:1:1: unexpected character '$'"),
        Arguments.of("f(x) if x = a::;", "p.polar:1:14: a name cannot end with '::'"),
        Arguments.of(
            "f(x) if x = 1",
            "p.polar:1:14: expected 'and', 'or' or ';' after the rule body, found end of file"),
        Arguments.of(
            "f(x)\ng(x);", "p.polar:2:1: expected 'if' or ';' after the rule head, found 'g'"),
        Arguments.of(
            "f(x) if g(x) h(y);",
            "p.polar:1:14: expected 'and', 'or' or ';' after the rule body, found 'h'"),
        Arguments.of("f(x) if (g(x);", "p.polar:1:14: expected ')', found ';'"),
        Arguments.of(
            "f(x) if x;",
            "p.polar:1:10: expected '=', '!=', '<', '<=', '>', '>=' or 'in' after 'x', found ';'"),
        Arguments.of(
            "f(x) if _ matches User;",
            "p.polar:1:9: '_' cannot be tested with 'matches': name the variable"),
        Arguments.of(
            "f(x) if \"a\" matches User;",
            "p.polar:1:13: only a variable can be tested with 'matches', found '\"a\"'"),
        Arguments.of(
            "f(x) if x = [1];",
            "p.polar:1:13: a list literal is allowed only on the right of 'in'"),
        Arguments.of(
            "f() if g(h(x));",
            "p.polar:1:10: a call cannot be used as an argument or operand: 'h'"),
        Arguments.of(
            "f(x) if g(x: User);",
            "p.polar:1:12: a type annotation such as 'x: Type' is allowed only in rule heads and"
                + " assertions: use 'x matches Type'"),
        Arguments.of(
            "f(x, y) if g(x,);",
            "p.polar:1:16: expected a variable, literal or entity literal, found ')'"),
        Arguments.of(
            "f(if);",
            "p.polar:1:3: expected a variable, literal or entity literal, found" + " 'if'"),
        Arguments.of(
            "f(x) if x = Repo{1};",
            "p.polar:1:18: entity literal 'Repo{...}' needs a string id, found '1'"),
        Arguments.of(
            "f(x) if x = Integer{\"3\"};",
            "p.polar:1:21: 'Integer{...}' needs an integer, found '\"3\"'"),
        Arguments.of(
            "f(x) if x = Boolean{1};",
            "p.polar:1:21: 'Boolean{...}' needs 'true' or 'false', found '1'"),
        Arguments.of(
            "f(x) if x = @foo;",
            "p.polar:1:13: unknown constant '@foo': the only constant is '@current_unix_time'"),
        Arguments.of(
            "resource R { roles = [\"a\"] }",
            "p.polar:1:28: expected ';' at the end of the declaration, found '}'"),
        Arguments.of(
            "resource R { roles = \"a\"; }",
            "p.polar:1:22: expected '[' or '{' after 'roles =', found '\"a\"'"),
        Arguments.of(
            "resource R { roles = [reader]; }",
            "p.polar:1:23: expected a string or ']', found 'reader'"),
        Arguments.of(
            "resource R { relations = { parent Folder }; }",
            "p.polar:1:35: expected ':' after the relation name 'parent', found 'Folder'"),
        Arguments.of(
            "resource R { \"a\" \"b\"; }",
            "p.polar:1:18: expected 'if' after the shorthand rule head, found '\"b\"'"),
        Arguments.of(
            "resource R { \"a\" if; }",
            "p.polar:1:20: expected a role, permission, relation, call or '(' in the shorthand"
                + " rule body, found ';'"),
        Arguments.of(
            "resource R { roles = [\"a\"]; \"a\" if not \"b\"; }",
            "p.polar:1:36: 'not' is not allowed in a shorthand rule body: write an ordinary rule"
                + " instead"),
        Arguments.of(
            "resource R { 1; }",
            "p.polar:1:14: expected a declaration such as 'roles = [...];' or a shorthand rule"
                + " such as '\"read\" if \"reader\";', found '1'"),
        Arguments.of(
            "resource R {\n  roles = [\"a\"];",
            "p.polar:2:17: expected '}' to close the 'resource R' block, found end of file"),
        Arguments.of(
            "test fixture fx { f(x); }",
            "p.polar:1:21: a fact must be ground (literals and entity literals only), found"
                + " variable 'x'"),
        Arguments.of(
            "test \"t\" { assert f(@current_unix_time); }",
            "p.polar:1:21: expected a literal, entity literal or variable, found"
                + " '@current_unix_time'"),
        Arguments.of(
            "test \"t\" { assert f(x); setup { } }",
            "p.polar:1:25: 'setup' must come first in a test block"),
        Arguments.of(
            "test \"t\" { bogus; }",
            "p.polar:1:12: expected 'assert', 'assert_not' or '}', found 'bogus'"),
        Arguments.of(
            "test \"t\" { assert f(x) g(); }",
            "p.polar:1:24: expected 'iff' or ';' after the assertion, found 'g'"),
        Arguments.of("test fixture { }", "p.polar:1:14: expected a fixture name, found '{'"),
        Arguments.of("declare f(x, 1);", "p.polar:1:14: expected a type name, found '1'"),
        Arguments.of("}", "p.polar:1:1: expected a rule, block, test or declaration, found '}'"),
        Arguments.of("f(x) if g(x) and;", "p.polar:1:17: expected a condition, found ';'"),
        Arguments.of("f(x) if;", "p.polar:1:8: expected a condition, found ';'"),
        Arguments.of(
            "test \"t\" { assert f(x) iff; }", "p.polar:1:27: expected a condition, found ';'"),
        Arguments.of(
            "resource R { roles: [\"a\"]; }",
            "p.polar:1:19: expected '=' after 'roles', found ':': write declarations as 'roles ="
                + " ...;'"),
        Arguments.of("abc", "p.polar:1:4: expected '(' after 'abc', found end of file"));
  }

  @ParameterizedTest
  @MethodSource("parseErrors")
  void parse_malformedText_reportsParseErrorAtExactPosition(String text, String expected) {
    PolicySyntaxException e = failure(text);

    assertThat(e.getMessage()).isEqualTo(expected);
    assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("ParseError");
  }

  @Test
  void parse_severalBrokenItems_reportsEveryErrorInSourceOrder() {
    String text =
        "resource R { roles = [\"a\"]; \"a\" if not \"b\"; permissions = [\"p\"]; \"p\" if; }\n"
            + "resource S { roles = [b]; }\n"
            + "ok(x) if x = 1;\n"
            + "f(x) if x = ;\n"
            + "g(x) if x == 1;\n"
            + "h(;\n";

    PolicySyntaxException e = failure(text);

    assertThat(e.getMessage())
        .isEqualTo(
            "p.polar:1:36: 'not' is not allowed in a shorthand rule body: write an ordinary rule"
                + " instead\n"
                + "p.polar:1:72: expected a role, permission, relation, call or '(' in the"
                + " shorthand rule body, found ';'\n"
                + "p.polar:2:23: expected a string or ']', found 'b'\n"
                + "p.polar:4:13: expected a variable, literal or entity literal, found ';'\n"
                + "p.polar:5:11: '==' is not supported in Oso Cloud Polar: use '='\n"
                + "p.polar:6:3: expected a variable, literal or entity literal, found ';'");
    assertThat(e.span()).isEqualTo(new SourceSpan("p.polar", 1, 36));
  }

  @Test
  void parse_missingCloseBrace_reportsItAndParsesTheNextBlock() {
    PolicySyntaxException e = failure("resource R { roles = [\"a\"];\nresource S { x }\n");

    assertThat(e.getMessage())
        .isEqualTo(
            "p.polar:2:1: missing '}' to close the 'resource R' block before 'resource'\n"
                + "p.polar:2:16: expected 'if' after the shorthand rule head, found '}'");
  }

  @Test
  void parse_lexicalAndGrammarErrors_areMergedInOrder() {
    PolicySyntaxException e = failure("f(x) if x = 1 mod 2;\ng(x) if x = \"open\n;\nh(x) if ?;");

    assertThat(e.getMessage())
        .isEqualTo(
            "p.polar:1:15: 'mod' is not supported in Oso Cloud Polar\n"
                + "p.polar:2:13: unterminated string '\"open': add the closing '\"' before the"
                + " end of the line\n"
                + "p.polar:4:9: unexpected character '?'");
  }

  @Test
  void parse_severalBrokenEntriesOfATest_reportsEachOfThem() {
    String text =
        "test fixture fx {\n"
            + "  f(x);\n"
            + "  g(1);\n"
            + "}\n"
            + "test \"t\" {\n"
            + "  setup { fixture fx; h(y); }\n"
            + "  assert allow(x == 1);\n"
            + "  assert_not allow(User{\"a\"}, \"read\", r) iff r = ;\n"
            + "  assert ok();\n"
            + "}\n"
            + "actor User {}\n";

    PolicySyntaxException e = failure(text);

    assertThat(e.getMessage())
        .isEqualTo(
            "p.polar:2:5: a fact must be ground (literals and entity literals only), found"
                + " variable 'x'\n"
                + "p.polar:6:25: a fact must be ground (literals and entity literals only), found"
                + " variable 'y'\n"
                + "p.polar:7:18: '==' is not supported in Oso Cloud Polar: use '='\n"
                + "p.polar:8:50: expected a variable, literal or entity literal, found ';'");
  }

  @Test
  void parse_blockStartInsideTest_reportsMissingBrace() {
    PolicySyntaxException e = failure("test \"t\" {\n  assert f();\nresource R {}\n");

    assertThat(e.getMessage())
        .isEqualTo("p.polar:3:1: missing '}' to close the 'test \"t\"' block before 'resource'");
  }

  @Test
  void parse_deeplyNestedParentheses_isAnErrorNotAStackOverflow() {
    String deep = "f(x) if " + "(".repeat(5000) + "g(x)" + ")".repeat(5000) + ";";

    PolicySyntaxException e = failure(deep);

    assertThat(e.getMessage())
        .isEqualTo(
            "p.polar:1:209: expression nested too deeply at '(': at most 200 levels of"
                + " parentheses and 'not'");
  }

  @Test
  void parse_deeplyNestedNotAndShorthandGroups_areErrors() {
    assertThat(failure("f(x) if " + "not ".repeat(300) + "g(x);").getMessage())
        .startsWith("p.polar:1:809: expression nested too deeply at 'not'");
    assertThat(
            failure("resource R { \"a\" if " + "(".repeat(300) + "\"b\"" + ")".repeat(300) + "; }")
                .getMessage())
        .startsWith("p.polar:1:221: expression nested too deeply at '('");
  }

  @Test
  void parse_nestingAtTheLimit_isAccepted() {
    String text = "f(x) if " + "(".repeat(200) + "g(x)" + ")".repeat(200) + ";";

    assertThat(Parser.parse(new PolicySource("p.polar", text)).items()).hasSize(1);
  }
}
