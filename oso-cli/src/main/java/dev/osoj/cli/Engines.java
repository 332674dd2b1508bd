package dev.osoj.cli;

import dev.osoj.EmbeddedBuilder;
import dev.osoj.Oso;
import dev.osoj.PolicyException;
import dev.osoj.internal.polar.Negation;
import dev.osoj.internal.polar.PolicySource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds the embedded engine the question verbs use, over an in-memory fact store. */
final class Engines {
  private Engines() {}

  /**
   * Builds an embedded engine; like Oso Cloud, it refuses a policy whose tests fail.
   *
   * @param sources the policy files
   * @param negation which negations the policy may use
   * @param settings adds settings to the builder (SQL dialect, local bindings)
   * @return the engine, without facts
   * @throws CliException (exit code 2) if the policy does not load or its tests fail; the message
   *     lists every diagnostic
   */
  static Oso embedded(
      List<PolicySource> sources, Negation negation, UnaryOperator<EmbeddedBuilder> settings) {
    Map<String, String> filesToText = new LinkedHashMap<>();
    for (PolicySource source : sources) {
      if (filesToText.putIfAbsent(source.file(), source.text()) != null) {
        throw CliException.input("oso: policy file '" + source.file() + "' is given twice");
      }
    }
    try {
      return settings
          .apply(Oso.embedded())
          .policySources(filesToText)
          .extendedNegation(negation == Negation.EXTENDED)
          .build();
    } catch (PolicyException e) {
      throw CliException.input(PolicyInput.render(e.diagnostics()));
    }
  }
}
