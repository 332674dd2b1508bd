package dev.osoj.internal.polar;

import dev.osoj.Diagnostic;
import dev.osoj.PolicySyntaxException;
import dev.osoj.PolicyValidationException;
import dev.osoj.internal.polar.ast.PolicyFile;
import dev.osoj.internal.program.Program;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a policy: parses every file, then checks and compiles them together into a {@link Program}.
 * The front end's entry point; everything downstream reads the program.
 *
 * <p>Errors are reported all at once. If any file has a syntax error, a {@link
 * PolicySyntaxException} carries the syntax errors of every file (the files are not checked
 * further). Otherwise every check of polar.md §3 runs and a {@link PolicyValidationException}
 * carries all of their errors. Each {@link Diagnostic} has a catalogue code (§3.11) and prints as
 * {@code file:line:col: message}. Warnings of a successful load are in {@link Program#warnings()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyLoader {
  private static final Logger logger = LoggerFactory.getLogger(PolicyLoader.class);

  private PolicyLoader() {}

  /**
   * Loads the files of one policy.
   *
   * @param sources the files, in any order (order only affects the order of rules and messages)
   * @return the compiled policy
   * @throws PolicySyntaxException if any file does not parse
   * @throws PolicyValidationException if the policy parses but breaks a rule of the language
   */
  public static Program load(List<PolicySource> sources) {
    return load(sources, Typing.LENIENT);
  }

  /**
   * Loads the files of one policy with a choice of typing mode.
   *
   * @param sources the files, in any order
   * @param typing {@link Typing#STRICT} to require static types of body-only variables
   * @return the compiled policy
   * @throws PolicySyntaxException if any file does not parse
   * @throws PolicyValidationException if the policy parses but breaks a rule of the language
   */
  public static Program load(List<PolicySource> sources, Typing typing) {
    return load(sources, typing, Negation.STRICT);
  }

  /**
   * Loads the files of one policy with a choice of typing and negation modes.
   *
   * @param sources the files, in any order
   * @param typing {@link Typing#STRICT} to require static types of body-only variables
   * @param negation {@link Negation#EXTENDED} to accept any stratified negation
   * @return the compiled policy
   * @throws PolicySyntaxException if any file does not parse
   * @throws PolicyValidationException if the policy parses but breaks a rule of the language
   */
  public static Program load(List<PolicySource> sources, Typing typing, Negation negation) {
    List<PolicyFile> files = new ArrayList<>();
    List<Diagnostic> syntaxErrors = new ArrayList<>();
    for (PolicySource source : sources) {
      try {
        files.add(Parser.parse(source));
      } catch (PolicySyntaxException e) {
        syntaxErrors.addAll(e.diagnostics());
      }
    }
    if (!syntaxErrors.isEmpty()) {
      throw new PolicySyntaxException(syntaxErrors);
    }
    Program program = PolicyCompiler.compile(files, typing, negation);
    logger.debug(
        "loaded policy of {} file(s): {} rules, {} tests, {} warnings",
        sources.size(),
        program.rules().size(),
        program.tests().size(),
        program.warnings().size());
    return program;
  }

  /**
   * Loads a policy held in one string, named {@code policy.polar} in messages.
   *
   * @param text the policy text
   * @return the compiled policy
   * @throws PolicySyntaxException if the text does not parse
   * @throws PolicyValidationException if the policy breaks a rule of the language
   */
  public static Program load(String text) {
    return load(List.of(new PolicySource("policy.polar", text)));
  }
}
