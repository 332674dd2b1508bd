package dev.osoj.cli;

import dev.osoj.Oso;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oso list}: the resources of a type on which an actor may perform an action. */
@Command(
    name = "list",
    description = {
      "Print the ids of the resources of TYPE on which ACTOR may perform ACTION, one per line,"
          + " sorted; * means every resource of the type.",
      "Exits 0, whether or not anything is listed."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin EngineOptions engine;

  @Mixin TypeQuestion question;

  @Override
  public Integer call() {
    String resourceType = question.resourceType("list");
    PrintWriter out = spec.commandLine().getOut();
    try (Oso oso = engine.open(spec.commandLine().getErr())) {
      List<String> ids =
          oso.list(question.actor, question.action, resourceType, engine.contextFacts());
      ids.stream().sorted().forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
