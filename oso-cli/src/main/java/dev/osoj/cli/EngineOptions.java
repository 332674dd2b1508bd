package dev.osoj.cli;

import dev.osoj.EmbeddedBuilder;
import dev.osoj.Fact;
import dev.osoj.InvalidFactException;
import dev.osoj.Oso;
import dev.osoj.internal.polar.PolicySource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --policy} and {@code --facts} options shared by the question verbs, and the embedded
 * engine they describe.
 */
final class EngineOptions {
  @Option(
      names = {"-p", "--policy"},
      required = true,
      paramLabel = "FILE",
      description = "A Polar policy file; repeat for a policy split over several files.")
  List<Path> policies = new ArrayList<>();

  @Option(
      names = {"-f", "--facts"},
      paramLabel = "FILE",
      description = {
        "A facts file, one fact per line: has_role User:alice owner Organization:acme;"
            + " repeatable.",
        "Type:id values; a word without a colon is a String; # starts a comment."
      })
  List<Path> facts = new ArrayList<>();

  @Option(
      names = {"-c", "--context"},
      paramLabel = "FACT",
      description = "A context fact for this question only, in facts-file notation; repeatable.")
  List<String> context = new ArrayList<>();

  @Mixin NegationOption negation = new NegationOption();

  /**
   * Loads the policy and the facts into a new embedded engine. Every file is read and parsed before
   * the policy is loaded, so input errors come first and cheaply.
   *
   * @param err where policy warnings go
   * @return the engine; the caller closes it
   * @throws CliException (exit code 2) for an unreadable file, policy errors or a bad fact
   */
  Oso open(PrintWriter err) {
    return open(err, builder -> builder);
  }

  /**
   * Loads the policy and the facts as {@link #open(PrintWriter)} does, into an engine with more
   * settings.
   *
   * @param err where policy warnings go
   * @param settings adds settings to the builder
   * @return the engine; the caller closes it
   * @throws CliException (exit code 2) for an unreadable file, policy errors or a bad fact
   */
  Oso open(PrintWriter err, UnaryOperator<EmbeddedBuilder> settings) {
    List<FactsFile.Entry> entries = new ArrayList<>();
    for (Path file : facts) {
      entries.addAll(FactsFile.read(file));
    }
    contextFacts(); // a bad context fact fails before the policy is loaded
    List<PolicySource> sources = PolicyInput.read(policies);
    PolicyInput.compile(sources, negation.mode(), err);
    Oso oso = Engines.embedded(sources, negation.mode(), settings);
    try {
      for (FactsFile.Entry entry : entries) {
        insert(oso, entry);
      }
    } catch (RuntimeException e) {
      oso.close();
      throw e;
    }
    return oso;
  }

  /**
   * Parses the {@code --context} facts.
   *
   * @return the facts
   * @throws CliException (exit code 2) if one is not a fact
   */
  List<Fact> contextFacts() {
    List<Fact> result = new ArrayList<>();
    for (String text : context) {
      try {
        result.add(FactsFile.parseFact(text));
      } catch (IllegalArgumentException e) {
        throw CliException.input("oso: --context '" + text + "': " + e.getMessage());
      }
    }
    return result;
  }

  private static void insert(Oso oso, FactsFile.Entry entry) {
    try {
      oso.insert(entry.fact());
    } catch (InvalidFactException e) {
      throw CliException.input(entry.location() + ": " + e.getMessage());
    }
  }
}
