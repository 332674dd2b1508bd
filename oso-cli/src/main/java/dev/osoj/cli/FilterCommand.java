package dev.osoj.cli;

import dev.osoj.Oso;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlDialect;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oso filter}: the SQL condition that restricts a table to the resources an actor may act
 * on, as {@link Oso#listLocal} writes it (literals inlined, so it can be pasted into a SQL
 * console). Facts from {@code --facts} and {@code --context} appear in it as values; predicates
 * bound by {@code --bindings} read the application's tables.
 */
@Command(
    name = "filter",
    description = {
      "Print the SQL condition on COLUMN that keeps the rows of TYPE on which ACTOR may perform"
          + " ACTION, with literals inlined, for --dialect. Facts from --facts and --context"
          + " appear as values; predicates bound in --bindings read the application's tables.",
      "Exits 0 when a condition is printed, 2 when the policy cannot be expressed in SQL."
    })
final class FilterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin EngineOptions engine;

  @Option(
      names = "--column",
      paramLabel = "COLUMN",
      description = "The id column to restrict, such as r.id (default: ${DEFAULT-VALUE}).")
  String column = "id";

  @Option(
      names = "--dialect",
      paramLabel = "DIALECT",
      description = "postgres or h2 (default: ${DEFAULT-VALUE}).")
  String dialect = "postgres";

  @Option(
      names = {"-b", "--bindings"},
      paramLabel = "FILE",
      description = "Local bindings in Oso Cloud's YAML format (facts: and sql_types:).")
  @Nullable Path bindings;

  @Mixin TypeQuestion question;

  @Override
  public Integer call() {
    String resourceType = question.resourceType("filter");
    try {
      SqlDialect.checkIdentifier(column);
    } catch (IllegalArgumentException e) {
      throw CliException.input("oso: --column: " + e.getMessage());
    }
    SqlDialect sqlDialect = dialect();
    LocalBindings local = bindings();
    PrintWriter out = spec.commandLine().getOut();
    try (Oso oso =
        engine.open(
            spec.commandLine().getErr(),
            builder -> builder.sqlDialect(sqlDialect).localBindings(local))) {
      out.println(
          oso.listLocal(
              question.actor, question.action, resourceType, column, engine.contextFacts()));
      out.flush();
      return ExitCodes.OK;
    }
  }

  private SqlDialect dialect() {
    switch (dialect.toLowerCase(Locale.ROOT)) {
      case "postgres":
      case "postgresql":
        return SqlDialect.POSTGRES;
      case "h2":
        return SqlDialect.H2;
      default:
        throw CliException.input(
            "oso: --dialect '" + dialect + "' is not supported; use postgres or h2");
    }
  }

  private LocalBindings bindings() {
    if (bindings == null) {
      return LocalBindings.empty();
    }
    try {
      return LocalBindings.fromYaml(bindings);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw CliException.input("oso: " + bindings + ": " + e.getMessage());
    }
  }
}
