package dev.osoj.cli;

import dev.osoj.Oso;
import dev.osoj.Value;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oso actions}: the actions an actor may perform on a resource. */
@Command(
    name = "actions",
    description = {
      "Print the actions ACTOR may perform on RESOURCE, one per line, sorted.",
      "Exits 0, whether or not any action is allowed."
    })
final class ActionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin EngineOptions engine;

  @Parameters(index = "0", paramLabel = "ACTOR", description = "The actor, such as User:alice.")
  Value actor = Value.of("unset");

  @Parameters(
      index = "1",
      paramLabel = "RESOURCE",
      description = "The resource, such as Repository:anvil.")
  Value resource = Value.of("unset");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Oso oso = engine.open(spec.commandLine().getErr())) {
      oso.actions(actor, resource, engine.contextFacts()).stream().sorted().forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
