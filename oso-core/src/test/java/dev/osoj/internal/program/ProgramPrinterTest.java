package dev.osoj.internal.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.SourceSpan;
import dev.osoj.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProgramPrinterTest {
  private static final SourceSpan AT = new SourceSpan("p.polar", 1, 1);
  private static final Term.Var X = new Term.Var("x");

  private static final Map<Class<?>, Literal> ONE_OF_EACH =
      List.of(
              new Literal.Call("p", List.of(X, new Term.Now()), AT),
              new Literal.Not(new Literal.Call("banned", List.of(X), AT), AT),
              new Literal.Unify(X, new Term.Const(new Value("User", "a\"b")), AT),
              new Literal.Compare(Literal.Op.GE, X, new Term.Const(Value.of(-3)), AT),
              new Literal.In(
                  X, List.of(new Term.Const(Value.of("a")), new Term.Const(Value.of(true))), AT),
              new Literal.Matches(X, "Org", true, AT))
          .stream()
          .collect(Collectors.toMap(Object::getClass, Function.identity()));

  @Test
  void literal_everyKind_printsPolarSyntax() {
    assertThat(ONE_OF_EACH.keySet())
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(Literal.class.getPermittedSubclasses()));
    assertThat(ProgramPrinter.literal(ONE_OF_EACH.get(Literal.Call.class)))
        .isEqualTo("p(x, @current_unix_time)");
    assertThat(ProgramPrinter.literal(ONE_OF_EACH.get(Literal.Not.class)))
        .isEqualTo("not banned(x)");
    assertThat(ProgramPrinter.literal(ONE_OF_EACH.get(Literal.Unify.class)))
        .isEqualTo("x = User{\"a\\\"b\"}");
    assertThat(ProgramPrinter.literal(ONE_OF_EACH.get(Literal.Compare.class))).isEqualTo("x >= -3");
    assertThat(ProgramPrinter.literal(ONE_OF_EACH.get(Literal.In.class)))
        .isEqualTo("x in [\"a\", true]");
    assertThat(ProgramPrinter.literal(ONE_OF_EACH.get(Literal.Matches.class)))
        .isEqualTo("x matches! Org");
  }

  @Test
  void term_everyKind_printed() {
    assertThat(Term.class.getPermittedSubclasses()).hasSize(3);
    assertThat(ProgramPrinter.term(X)).isEqualTo("x");
    assertThat(ProgramPrinter.term(new Term.Const(Value.of(false)))).isEqualTo("false");
    assertThat(ProgramPrinter.term(new Term.Now())).isEqualTo("@current_unix_time");
  }

  @Test
  void quote_controlCharactersAndBackslash_escaped() {
    assertThat(ProgramPrinter.quote("a\\b\n\t\r\0\"")).isEqualTo("\"a\\\\b\\n\\t\\r\\0\\\"\"");
  }

  @Test
  void rule_withAndWithoutBody_endsWithSemicolon() {
    Rule fact =
        new Rule(
            "plan_limit",
            List.of(
                new Param(new Term.Const(new Value("Plan", "pro")), null),
                new Param(new Term.Const(Value.of(10)), null)),
            List.of(),
            AT,
            "plan_limit");
    Rule rule =
        new Rule(
            "f",
            List.of(new Param(X, "User")),
            List.of(ONE_OF_EACH.get(Literal.Call.class), ONE_OF_EACH.get(Literal.Not.class)),
            AT,
            "f");

    assertThat(ProgramPrinter.print(List.of(fact, rule)))
        .isEqualTo(
            "plan_limit(Plan{\"pro\"}, 10);\n"
                + "f(x: User) if p(x, @current_unix_time) and not banned(x);\n");
    assertThat(ProgramPrinter.conjunction(List.of())).isEqualTo("true");
  }
}
