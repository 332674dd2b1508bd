package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Diagnostic;
import dev.osoj.PolicySyntaxException;
import dev.osoj.internal.polar.ast.AstNodes;
import dev.osoj.internal.polar.ast.PolicyFile;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties of the parser over arbitrary text, mutated policies and generated trees. */
class ParserPropertiesTest {

  @Property(tries = 1000)
  void parse_arbitraryText_succeedsOrReportsPositionsInsideTheText(
      @ForAll @StringLength(max = 120) String text) {
    checkParsesOrFailsCleanly(text);
  }

  @Property(tries = 1000)
  void parse_polarLikeText_succeedsOrReportsPositionsInsideTheText(
      @ForAll("polarLikeText") String text) {
    checkParsesOrFailsCleanly(text);
  }

  @Property(tries = 600)
  void parse_mutatedPolicy_succeedsOrReportsPositionsInsideTheText(
      @ForAll("mutatedPolicies") String text) {
    checkParsesOrFailsCleanly(text);
  }

  @Property(tries = 300)
  void print_generatedTree_parsesBackToTheSameTree(@ForAll("policyFiles") PolicyFile file) {
    String printed = PolarPrinter.print(file);

    PolicyFile reparsed = Parser.parse(new PolicySource("p.polar", printed));

    assertThat(AstNodes.withoutSpans(reparsed)).as(printed).isEqualTo(file);
    assertThat(PolarPrinter.print(reparsed)).isEqualTo(printed);
  }

  @Provide
  Arbitrary<PolicyFile> policyFiles() {
    return PolarArbitraries.policyFile();
  }

  @Provide
  Arbitrary<String> polarLikeText() {
    return Arbitraries.of(PolarArbitraries.mutationFragments())
        .list()
        .ofMaxSize(30)
        .map(fragments -> String.join(" ", fragments));
  }

  @Provide
  Arbitrary<String> mutatedPolicies() {
    Arbitrary<String> policy =
        Arbitraries.of(WorkedExamplesParseTest.EXAMPLES).map(WorkedExamplesParseTest::load);
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 12),
                Arbitraries.of(PolarArbitraries.mutationFragments()))
            .as(Mutation::new);
    return Combinators.combine(policy, mutation.list().ofMinSize(1).ofMaxSize(3))
        .as(
            (text, mutations) -> {
              String result = text;
              for (Mutation m : mutations) {
                result = m.apply(result);
              }
              return result;
            });
  }

  /** One edit of a text: delete a range, insert a fragment or duplicate a range. */
  record Mutation(int kind, double where, int length, String fragment) {
    String apply(String text) {
      int at = (int) (where * text.length());
      int end = Math.min(text.length(), at + length);
      switch (kind) {
        case 0:
          return text.substring(0, at) + text.substring(end);
        case 1:
          return text.substring(0, at) + fragment + text.substring(at);
        default:
          return text.substring(0, end) + text.substring(at, end) + text.substring(end);
      }
    }
  }

  private static void checkParsesOrFailsCleanly(String text) {
    PolicyFile file;
    try {
      file = Parser.parse(new PolicySource("p.polar", text));
    } catch (PolicySyntaxException e) {
      assertThat(e.diagnostics()).isNotEmpty();
      List<String> lines = List.of(text.split("\n", -1));
      for (Diagnostic d : e.diagnostics()) {
        assertThat(d.code()).isIn("ParseError", "UnsupportedSyntax");
        assertThat(d.message()).isNotBlank();
        assertThat(d.span().file()).isEqualTo("p.polar");
        assertThat(d.span().line()).isBetween(1, lines.size());
        assertThat(d.span().column()).isBetween(1, lines.get(d.span().line() - 1).length() + 1);
      }
      return;
    }
    String printed = PolarPrinter.print(file);
    PolicyFile reparsed = Parser.parse(new PolicySource("p.polar", printed));
    assertThat(AstNodes.equalIgnoringSpans(reparsed, file)).as(printed).isTrue();
  }
}
