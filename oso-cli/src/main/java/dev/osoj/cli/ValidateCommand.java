package dev.osoj.cli;

import dev.osoj.Value;
import dev.osoj.internal.program.Block;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oso validate FILE...}: loads files as one policy and summarises what it declares. */
@Command(
    name = "validate",
    description = {
      "Load the files as one policy and print one line per declared type: its roles,"
          + " permissions, relations and the rules whose head mentions the type.",
      "Warnings and errors go to standard error as file:line:col: message."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin NegationOption negation;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Polar policy files.")
  List<Path> files = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Program program = PolicyInput.load(files, negation.mode(), spec.commandLine().getErr());
    for (Block block : program.blocks().values()) {
      out.println(summary(block, program.rules()));
    }
    Block global = program.global();
    if (global != null) {
      out.println(
          String.format(
              Locale.ROOT,
              "global: %s, %s",
              count(global.roles().size(), "role"),
              count(global.permissions().size(), "permission")));
    }
    out.println(
        String.format(
            Locale.ROOT,
            "ok: %s, %s, %s",
            count(files.size(), "file"),
            count(program.rules().size(), "rule"),
            count(program.tests().size(), "test")));
    out.flush();
    return ExitCodes.OK;
  }

  private static String summary(Block block, List<Rule> rules) {
    long mentioning = rules.stream().filter(rule -> mentions(rule, block.type())).count();
    return String.format(
        Locale.ROOT,
        "%s %s: %s, %s, %s, %s",
        block.actor() ? "actor" : "resource",
        block.type(),
        count(block.roles().size(), "role"),
        count(block.permissions().size(), "permission"),
        count(block.relations().size(), "relation"),
        count(mentioning, "rule"));
  }

  /** Whether a head parameter of the rule has the type, or is a constant of that type. */
  static boolean mentions(Rule rule, String type) {
    for (Param param : rule.head()) {
      if (type.equals(param.type())) {
        return true;
      }
      if (param.term() instanceof Term.Const) {
        Value value = ((Term.Const) param.term()).value();
        if (value.type().equals(type)) {
          return true;
        }
      }
    }
    return false;
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
