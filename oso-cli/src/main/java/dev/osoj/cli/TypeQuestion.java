package dev.osoj.cli;

import dev.osoj.Value;
import picocli.CommandLine.Parameters;

/** The {@code ACTOR ACTION TYPE} arguments of the verbs that ask about a resource type. */
final class TypeQuestion {
  @Parameters(index = "0", paramLabel = "ACTOR", description = "The actor, such as User:alice.")
  Value actor = Value.of("unset");

  @Parameters(index = "1", paramLabel = "ACTION", description = "The action, such as read.")
  String action = "";

  @Parameters(
      index = "2",
      paramLabel = "TYPE",
      description = "The resource type, such as Repository.")
  String resourceType = "";

  /**
   * Returns the resource type, refusing a value given in its place.
   *
   * @param verb the verb, for the message
   * @return the type
   * @throws CliException (exit code 2) for {@code Type:id}
   */
  String resourceType(String verb) {
    if (resourceType.contains(":")) {
      throw CliException.input(
          "oso: " + verb + " takes a resource type, not a value: '" + resourceType + "'");
    }
    return resourceType;
  }
}
