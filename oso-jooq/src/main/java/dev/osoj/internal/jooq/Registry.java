package dev.osoj.internal.jooq;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Select;
import org.jooq.Table;

/**
 * What built {@code JooqBindings} told the renderer: the resource type of each mapped table, and
 * the jOOQ select behind each derived binding's query text.
 */
public final class Registry {
  private static final Map<String, String> TYPES = new ConcurrentHashMap<>();
  private static final Map<String, Select<?>> SELECTS = new ConcurrentHashMap<>();

  private Registry() {}

  /**
   * Records the resource type of a table.
   *
   * @param table the table
   * @param type the resource type
   */
  public static void type(Table<?> table, String type) {
    TYPES.put(key(table), type);
  }

  /**
   * Records the select behind a derived binding.
   *
   * @param query the query text of the binding
   * @param select the select
   */
  public static void select(String query, Select<?> select) {
    SELECTS.put(query, select);
  }

  /**
   * Returns the resource type recorded for a table.
   *
   * @param table the table
   * @return the type, or empty
   */
  public static Optional<String> typeOf(Table<?> table) {
    return Optional.ofNullable(TYPES.get(key(table)));
  }

  /**
   * Returns the recorded selects by query text.
   *
   * @return a snapshot
   */
  public static Map<String, Select<?>> selects() {
    return Map.copyOf(SELECTS);
  }

  private static String key(Table<?> table) {
    return table.getQualifiedName().unquotedName().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
