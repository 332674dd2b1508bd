package dev.osoj.cli;

import dev.osoj.Oso;
import dev.osoj.Value;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
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

  @Parameters(index = "0", paramLabel = "ACTOR", description = "The actor, such as User:alice.")
  Value actor = Value.of("unset");

  @Parameters(index = "1", paramLabel = "ACTION", description = "The action, such as read.")
  String action = "";

  @Parameters(
      index = "2",
      paramLabel = "TYPE",
      description = "The resource type, such as Repository.")
  String resourceType = "";

  @Override
  public Integer call() {
    if (resourceType.contains(":")) {
      throw CliException.input(
          "oso: list takes a resource type, not a value: '" + resourceType + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Oso oso = engine.open(spec.commandLine().getErr())) {
      List<String> ids = oso.list(actor, action, resourceType, engine.contextFacts());
      ids.stream().sorted().forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
