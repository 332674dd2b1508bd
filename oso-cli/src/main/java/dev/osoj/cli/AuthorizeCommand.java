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

/** {@code oso authorize}: may an actor perform an action on a resource. */
@Command(
    name = "authorize",
    description = {
      "Print true if ACTOR may perform ACTION on RESOURCE under the policy and facts, else false.",
      "Exits 0 when allowed and 1 when denied."
    })
final class AuthorizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin EngineOptions engine;

  @Parameters(index = "0", paramLabel = "ACTOR", description = "The actor, such as User:alice.")
  Value actor = Value.of("unset");

  @Parameters(index = "1", paramLabel = "ACTION", description = "The action, such as read.")
  String action = "";

  @Parameters(
      index = "2",
      paramLabel = "RESOURCE",
      description = "The resource, such as Repository:anvil.")
  Value resource = Value.of("unset");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Oso oso = engine.open(spec.commandLine().getErr())) {
      boolean allowed = oso.authorize(actor, action, resource, engine.contextFacts());
      out.println(allowed);
      out.flush();
      return allowed ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
