package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Diagnostic;
import dev.osoj.PolicySyntaxException;
import dev.osoj.PolicyValidationException;
import dev.osoj.internal.polar.ast.PolicyFile;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.ProgramPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The checker never fails with anything but a policy exception, on generated trees and on mutated
 * worked examples, and a loaded program prints as valid Polar.
 */
class LoaderPropertiesTest {
  private static final List<String> CODES =
      List.of(
          "ParseError",
          "UnsupportedSyntax",
          "UnknownType",
          "DuplicateBlock",
          "BadDeclaration",
          "UndeclaredTerm",
          "UnknownRelation",
          "UnknownGlobal",
          "InvalidShorthandHead",
          "UnsafeVariable",
          "InvalidNegation",
          "TypeError",
          "RuleTypeMismatch",
          "UnknownFixture",
          "DuplicateFixture",
          "InvalidFact");

  @Property(tries = 400)
  void compile_generatedTree_returnsProgramOrValidationErrors(
      @ForAll("policyFiles") PolicyFile file) {
    try {
      Program program = PolicyCompiler.compile(List.of(file));
      assertThat(program.rules()).isNotNull();
    } catch (PolicyValidationException e) {
      assertThat(e.errors()).isNotEmpty();
      assertThat(e.errors()).extracting(Diagnostic::code).allMatch(CODES::contains);
    }
  }

  @Property(tries = 300)
  void load_mutatedWorkedExample_returnsProgramOrPolicyErrors(
      @ForAll("mutatedExamples") String text) {
    try {
      Program program = PolicyLoader.load(text);
      String printed = ProgramPrinter.print(program.rules());
      assertThat(printed).doesNotContain("related#");
    } catch (PolicySyntaxException | PolicyValidationException e) {
      assertThat(e.errors()).isNotEmpty();
      assertThat(e.errors()).allMatch(d -> !d.message().isBlank() && d.span().line() >= 1);
    }
  }

  @Provide
  Arbitrary<PolicyFile> policyFiles() {
    return PolarArbitraries.policyFile();
  }

  @Provide
  Arbitrary<String> mutatedExamples() {
    Arbitrary<String> base =
        Arbitraries.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M")
            .map(LoaderPropertiesTest::example);
    Arbitrary<String> fragment =
        Arbitraries.of(
            "\"reader\"",
            "\"x\"",
            " on ",
            " or ",
            " and ",
            "role",
            "permission",
            "not ",
            "_",
            "User",
            "Usr",
            "global",
            "matches Org",
            ";",
            "(",
            ")",
            "resource",
            "actor",
            "1",
            "@current_unix_time",
            " = ",
            " < ",
            "in [\"a\"]",
            "relations = { p: User };");
    return Combinators.combine(
            base,
            fragment,
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 2))
        .as(LoaderPropertiesTest::mutate);
  }

  private static String mutate(String text, String fragment, int position, int kind) {
    int at = position % (text.length() + 1);
    int end = Math.min(text.length(), at + fragment.length());
    switch (kind) {
      case 0:
        return text.substring(0, at) + fragment + text.substring(at);
      case 1:
        return text.substring(0, at) + fragment + text.substring(end);
      default:
        return text.substring(0, at) + text.substring(end);
    }
  }

  private static String example(String letter) {
    try {
      return RejectionCasesTest.resource("policy-" + letter + ".polar");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
