package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

import dev.osoj.Value;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the tuples of one fact predicate come from when a question is answered in SQL. A {@link
 * Plan.Scan} reads one source; a predicate whose facts live in several places is a {@link
 * Plan.Union} of scans.
 */
public sealed interface FactSource {
  /**
   * Returns the number of columns (fact arguments) this source yields.
   *
   * @return the arity
   */
  int arity();

  /**
   * Returns the predicate the source holds facts of.
   *
   * @return the predicate name
   */
  String predicate();

  /**
   * The managed fact table of {@link dev.osoj.store.JdbcFactStore}: one row per fact, with the
   * predicate name, the arity and per argument position {@code i} (0-based) a type column {@code
   * t<i>} and a text id column {@code v<i>}.
   *
   * @param table the table name, a validated SQL identifier (optionally schema-qualified)
   * @param predicate the predicate name
   * @param arity the arity
   */
  record FactTable(String table, String predicate, int arity) implements FactSource {
    /** Creates the source, validating the table name. */
    public FactTable {
      requireNonNull(table, "table");
      requireNonNull(predicate, "predicate");
      SqlDialect.checkIdentifier(table);
      if (arity < 0 || arity > FACT_TABLE_MAX_ARITY) {
        throw new IllegalArgumentException(
            "fact table holds arities 0.." + FACT_TABLE_MAX_ARITY + ", not '" + arity + "'");
      }
    }
  }

  /** The largest arity the managed fact table stores. */
  int FACT_TABLE_MAX_ARITY = 5;

  /**
   * A local binding: an application {@code SELECT} returning one column per placeholder argument.
   *
   * @param predicate the predicate name
   * @param query the application's SELECT, trusted configuration text
   * @param args one entry per fact argument, in order
   */
  record Binding(String predicate, String query, List<BindingArg> args) implements FactSource {
    /** Creates the source, copying the arguments. */
    public Binding {
      requireNonNull(predicate, "predicate");
      requireNonNull(query, "query");
      args = List.copyOf(args);
      if (query.chars().anyMatch(c -> c < 0x09)) {
        throw new IllegalArgumentException(
            "binding query of '" + predicate + "' holds a control character");
      }
    }

    @Override
    public int arity() {
      return args.size();
    }

    /**
     * Returns how many columns the query must return (the non-constant arguments).
     *
     * @return the column count
     */
    public int columnCount() {
      return (int) args.stream().filter(a -> a.constant() == null).count();
    }
  }

  /**
   * One argument of a {@link Binding}: either a column of the query (of a fixed value type) or a
   * constant not returned by the query.
   *
   * @param type the value type of the argument, such as {@code Repository} or {@code String}
   * @param sqlType the SQL type of the query's column (ignored for a constant)
   * @param constant the fixed value, or null when the value comes from the query
   */
  record BindingArg(String type, SqlType sqlType, @Nullable Value constant) {
    /** Creates an argument. */
    public BindingArg {
      requireNonNull(type, "type");
      requireNonNull(sqlType, "sqlType");
    }
  }
}
