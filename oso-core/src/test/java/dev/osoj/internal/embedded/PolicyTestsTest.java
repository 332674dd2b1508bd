package dev.osoj.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Diagnostic;
import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.PolicyValidationException;
import dev.osoj.Value;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.program.PolarTest;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.testing.PolarTestRunner;
import dev.osoj.internal.testing.TestReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases T1–T4 of polar.md §8: Polar test blocks, run on their own and on policy load. */
class PolicyTestsTest {
  private static final String FOURTH =
      "  assert allow(User{\"ana\"}, action: String, Workspace{\"w1\"}) iff action in [\"view\","
          + " \"edit\"];\n";

  private static String policy(boolean withFourth) {
    return WorkedExamplesTest.A
        + "test \"workspace roles\" {\n"
        + "  setup {\n"
        + "    has_role(User{\"ana\"}, \"guest\", Workspace{\"w1\"});\n"
        + "    has_role(User{\"ben\"}, \"owner\", Workspace{\"w1\"});\n"
        + "  }\n"
        + "  assert allow(User{\"ben\"}, \"remove\", Workspace{\"w1\"});\n"
        + "  assert_not allow(User{\"ana\"}, \"remove\", Workspace{\"w1\"});\n"
        + "  assert allow(User{\"ben\"}, action: String, Workspace{\"w1\"}) iff action in"
        + " [\"view\", \"edit\", \"remove\"];\n"
        + (withFourth ? FOURTH : "")
        + "}\n";
  }

  @Test
  void run_failingIffAssertion_reportsMissingValueAndLocation() {
    TestReport report = PolarTestRunner.run(PolicyLoader.load(policy(true)));

    assertThat(report.success()).isFalse();
    assertThat(report.tests()).containsExactly(new TestReport.TestOutcome("workspace roles", 3, 4));
    assertThat(report.failures()).hasSize(1);
    TestReport.Failure failure = report.failures().get(0);
    assertThat(failure.kind()).isEqualTo("AssertionFailed");
    assertThat(failure.missing()).containsExactly("edit");
    assertThat(failure.unexpected()).isEmpty();
    assertThat(failure.span().line()).isEqualTo(19);
    assertThat(failure.message())
        .startsWith("policy.polar:19:")
        .contains("test \"workspace roles\"")
        .contains("missing: [edit]");
  }

  @Test
  void policy_failingTest_isRefusedWithAssertionFailed() {
    assertThatThrownBy(() -> Oso.embedded().policy(policy(true)).build())
        .isInstanceOf(PolicyValidationException.class)
        .satisfies(
            e ->
                assertThat(((PolicyValidationException) e).diagnostics())
                    .extracting(Diagnostic::code)
                    .containsExactly("AssertionFailed"));
  }

  @Test
  void run_passingTests_succeeds() {
    TestReport report = PolarTestRunner.run(PolicyLoader.load(policy(false)));

    assertThat(report.success()).isTrue();
    assertThat(report.tests()).containsExactly(new TestReport.TestOutcome("workspace roles", 3, 3));
    assertThat(report.failures()).isEmpty();
  }

  @Test
  void policy_storedFacts_invisibleToTests() {
    try (Oso oso = Oso.embedded().policy(WorkedExamplesTest.A).build()) {
      Value ana = new Value("User", "ana");
      Value w1 = new Value("Workspace", "w1");
      oso.insert(Fact.of("has_role", ana, Value.of("owner"), w1));

      assertThatThrownBy(() -> oso.policy(policy(true)))
          .isInstanceOf(PolicyValidationException.class);
      assertThat(oso.authorize(ana, "remove", w1)).isTrue();
      oso.policy(policy(false));
      assertThat(oso.actions(ana, w1)).containsExactly("edit", "remove", "view");
    }
  }

  @Test
  void run_gitclubSample_passes() throws Exception {
    String text =
        java.nio.file.Files.readString(java.nio.file.Path.of("../policies/gitclub.polar"));

    TestReport report = PolarTestRunner.run(PolicyLoader.load(text));

    assertThat(report.failures()).isEmpty();
    assertThat(report.tests()).hasSize(5).allMatch(t -> t.passed() == t.total());
  }

  @Test
  void run_assertNotIff_passesWhenAssertWouldFail() {
    String text =
        WorkedExamplesTest.A
            + "test \"t\" {\n"
            + "  setup { has_role(User{\"ana\"}, \"guest\", Workspace{\"w1\"}); }\n"
            + "  assert_not allow(User{\"ana\"}, a: String, Workspace{\"w1\"}) iff a in [\"edit\"];\n"
            + "  assert has_role(User{\"ana\"}, r: String, w: Workspace) iff r in [\"guest\"] and"
            + " w = Workspace{\"w1\"};\n"
            + "}\n";

    TestReport report = PolarTestRunner.run(PolicyLoader.load(text));

    assertThat(report.failures()).isEmpty();
    assertThat(report.tests()).containsExactly(new TestReport.TestOutcome("t", 2, 2));
  }

  @Test
  void run_invalidSetupFact_isReportedAsValidationFailure() {
    Program loaded = PolicyLoader.load(policy(false));
    PolarTest original = loaded.tests().get(0);
    Fact bad =
        Fact.of("has_role", new Value("User", "a"), Value.of("guest"), new Value("User", "b"));
    PolarTest broken =
        new PolarTest("broken", List.of(bad), original.assertions(), original.span());
    Program program =
        new Program(
            loaded.rules(),
            loaded.types(),
            loaded.blocks(),
            loaded.global(),
            loaded.signatures(),
            List.of(broken),
            List.of());

    TestReport report = PolarTestRunner.run(program);

    assertThat(report.success()).isFalse();
    assertThat(report.failures())
        .extracting(TestReport.Failure::kind)
        .containsExactly("ValidationFailed");
    assertThat(report.tests()).containsExactly(new TestReport.TestOutcome("broken", 0, 3));
  }
}
