package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osoj.Diagnostic;
import dev.osoj.PolicyException;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: loads a policy that must fail and renders its diagnostics as golden lines. */
final class PolicyErrors {
  private PolicyErrors() {}

  /** Returns every error as {@code Code file:line:col: message}. */
  static List<String> errors(String policy) {
    PolicyException e =
        catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(policy));
    if (e == null) {
      throw new AssertionError("policy loaded but was expected to fail:\n" + policy);
    }
    return render(e.errors());
  }

  /** Returns every diagnostic (errors and warnings) as golden lines. */
  static List<String> all(String policy) {
    PolicyException e =
        catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(policy));
    if (e == null) {
      throw new AssertionError("policy loaded but was expected to fail:\n" + policy);
    }
    return render(e.diagnostics());
  }

  static List<String> render(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> d.code() + " " + d).collect(Collectors.toList());
  }
}
