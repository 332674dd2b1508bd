package dev.osoj.cli;

import dev.osoj.Diagnostic;
import dev.osoj.PolicyException;
import dev.osoj.internal.polar.Negation;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.polar.PolicySource;
import dev.osoj.internal.polar.Typing;
import dev.osoj.internal.program.Program;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the policy files given on the command line as one policy, printing its diagnostics
 * compiler-style: errors as {@code file:line:col: message}, warnings as {@code file:line:col:
 * warning: message}.
 */
final class PolicyInput {
  private PolicyInput() {}

  /**
   * Reads policy files; each keeps the path as given, so messages name it the way the user did.
   *
   * @param files the files, at least one
   * @return the sources, in the given order
   * @throws CliException (exit code 2) if a file cannot be read
   */
  static List<PolicySource> read(List<Path> files) {
    List<PolicySource> sources = new ArrayList<>();
    for (Path file : files) {
      sources.add(new PolicySource(file.toString(), TextFiles.read(file, "policy file")));
    }
    return sources;
  }

  /**
   * Reads and loads policy files, printing the warnings on {@code err}.
   *
   * @param files the files, at least one
   * @param negation which negations the policy may use
   * @param err where warnings go
   * @return the loaded program
   * @throws CliException (exit code 2) if a file cannot be read or the policy has errors; the
   *     message lists every diagnostic, one per line
   */
  static Program load(List<Path> files, Negation negation, PrintWriter err) {
    return compile(read(files), negation, err);
  }

  /**
   * Loads policy sources, printing the warnings on {@code err}.
   *
   * @param sources the sources, at least one
   * @param negation which negations the policy may use
   * @param err where warnings go
   * @return the loaded program
   * @throws CliException (exit code 2) if the policy has errors; the message lists every
   *     diagnostic, one per line
   */
  static Program compile(List<PolicySource> sources, Negation negation, PrintWriter err) {
    Program program;
    try {
      program = PolicyLoader.load(sources, Typing.LENIENT, negation);
    } catch (PolicyException e) {
      throw CliException.input(render(e.diagnostics()));
    }
    if (!program.warnings().isEmpty()) {
      err.println(render(program.warnings()));
      err.flush();
    }
    return program;
  }

  /**
   * Renders diagnostics one per line; a warning carries {@code warning:} after its location.
   *
   * @param diagnostics the diagnostics
   * @return the lines, joined by newlines
   */
  static String render(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(PolicyInput::render).collect(Collectors.joining("\n"));
  }

  private static String render(Diagnostic diagnostic) {
    String location = diagnostic.span() + ": ";
    String message = diagnostic.message();
    if (message.startsWith(location)) {
      // failed policy tests arrive with the location already inside the message
      message = message.substring(location.length());
    }
    if (diagnostic.severity() == Diagnostic.Severity.WARNING) {
      return location + "warning: " + message;
    }
    return location + message;
  }
}
