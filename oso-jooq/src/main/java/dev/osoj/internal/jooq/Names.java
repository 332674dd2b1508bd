package dev.osoj.internal.jooq;

import dev.osoj.sql.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Name;
import org.jooq.impl.DSL;

/** Turns a checked, possibly qualified identifier from configuration into a jOOQ name. */
final class Names {
  private Names() {}

  /**
   * Returns the name of an identifier such as {@code app.facts} or {@code "Facts"}.
   *
   * @param identifier the identifier
   * @return the name; unquoted parts are unquoted names, quoted parts quoted ones
   * @throws IllegalArgumentException if the identifier is not acceptable
   */
  static Name qualified(String identifier) {
    SqlDialect.checkIdentifier(identifier);
    List<Name> parts = new ArrayList<>();
    for (String part : identifier.split("\\.")) {
      if (part.startsWith("\"")) {
        parts.add(DSL.quotedName(part.substring(1, part.length() - 1)));
      } else {
        parts.add(DSL.unquotedName(part));
      }
    }
    return DSL.name(parts.toArray(new Name[0]));
  }
}
