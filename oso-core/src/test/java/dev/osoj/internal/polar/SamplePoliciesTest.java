package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.internal.program.Program;
import dev.osoj.internal.testing.PolarTestRunner;
import dev.osoj.internal.testing.TestReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample policies shipped in the repository's {@code policies/} directory load cleanly. */
class SamplePoliciesTest {
  private static final Path DIR = Path.of("..", "policies");

  static List<Path> policies() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(p -> p.toString().endsWith(".polar"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void load_samplePolicy_noErrorsNoWarningsAndHasTests(Path file) throws IOException {
    Program program =
        PolicyLoader.load(
            List.of(new PolicySource(file.getFileName().toString(), Files.readString(file))));

    assertThat(program.warnings()).isEmpty();
    assertThat(program.tests()).isNotEmpty();
    assertThat(program.tests()).allSatisfy(t -> assertThat(t.assertions()).isNotEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void load_samplePolicyStrictTyping_noErrors(Path file) throws IOException {
    Program program =
        PolicyLoader.load(
            List.of(new PolicySource(file.getFileName().toString(), Files.readString(file))),
            Typing.STRICT);

    assertThat(program.warnings()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void run_samplePolicyTests_allAssertionsPass(Path file) throws IOException {
    Program program =
        PolicyLoader.load(
            List.of(new PolicySource(file.getFileName().toString(), Files.readString(file))));

    TestReport report = PolarTestRunner.run(program);

    assertThat(report.failures()).isEmpty();
    assertThat(report.tests()).allMatch(t -> t.total() > 0 && t.passed() == t.total());
  }
}
