package dev.osoj.internal.testing;

import static java.util.Objects.requireNonNull;

import dev.osoj.Diagnostic;
import dev.osoj.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of running a policy's tests, in the shape of Oso Cloud's {@code PolicyTestResult}.
 *
 * @param success true when every assertion passed and no test had an error
 * @param tests one entry per test, in source order
 * @param failures one entry per failing assertion or broken test setup
 */
public record TestReport(boolean success, List<TestOutcome> tests, List<Failure> failures) {
  /** Creates a report. */
  public TestReport {
    tests = List.copyOf(tests);
    failures = List.copyOf(failures);
  }

  /**
   * One test's score.
   *
   * @param name the test name
   * @param passed the number of passing assertions
   * @param total the number of assertions
   */
  public record TestOutcome(String name, int passed, int total) {
    /** Creates an outcome. */
    public TestOutcome {
      requireNonNull(name, "name");
    }
  }

  /**
   * One failing assertion (kind {@code AssertionFailed}) or a test whose setup facts are invalid
   * (kind {@code ValidationFailed}).
   *
   * @param kind {@code AssertionFailed} or {@code ValidationFailed}
   * @param test the test name
   * @param span where the assertion (or the test) is
   * @param assertion the assertion as written
   * @param missing for {@code iff}: values the condition allows but the call does not derive
   * @param unexpected for {@code iff}: values the call derives but the condition does not allow
   * @param message the full message, {@code file:line:col: test "name": … failed …}
   */
  public record Failure(
      String kind,
      String test,
      SourceSpan span,
      String assertion,
      List<String> missing,
      List<String> unexpected,
      String message) {
    /** Creates a failure. */
    public Failure {
      requireNonNull(kind, "kind");
      requireNonNull(test, "test");
      requireNonNull(span, "span");
      requireNonNull(assertion, "assertion");
      missing = List.copyOf(missing);
      unexpected = List.copyOf(unexpected);
      requireNonNull(message, "message");
    }
  }

  /**
   * Returns the failures as error diagnostics (code = kind), for {@link
   * dev.osoj.PolicyValidationException}.
   *
   * @return the diagnostics
   */
  public List<Diagnostic> diagnostics() {
    List<Diagnostic> out = new ArrayList<>();
    for (Failure f : failures) {
      out.add(new Diagnostic(Diagnostic.Severity.ERROR, f.kind(), f.span(), f.message()));
    }
    return out;
  }
}
