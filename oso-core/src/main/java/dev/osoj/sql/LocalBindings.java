package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

import dev.osoj.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Local bindings: which fact predicates are read from the application's own tables, and how. The
 * format is Oso Cloud's data-bindings YAML:
 *
 * <pre>{@code
 * facts:
 *   "has_role(User:_, String:_, Organization:_)":
 *     query: SELECT user_id, role, org_id FROM org_roles
 *   "has_relation(Repository:_, String:parent, Organization:_)":
 *     query: SELECT id, org_id FROM repositories
 *   "is_public(Repository:_)":
 *     query: SELECT id FROM repositories WHERE is_public
 * sql_types:
 *   User: integer
 *   Organization: integer
 *   Repository: integer
 * }</pre>
 *
 * <p>Each key is a fact signature; an argument is {@code Type:_} (a column of the query), {@code
 * Type:constant} (a fixed value the query does not return) or a bare word (a String constant). The
 * query returns one column per {@code _}, in order. {@code sql_types} gives the SQL type of each
 * type's id column ({@code integer}, {@code bigint}, {@code uuid}, {@code text}); types not listed
 * are text. {@link #builder()} builds the same in Java.
 *
 * <p>Loading checks the signatures, the type names and that each query is a single {@code SELECT}
 * or {@code WITH} statement; {@link #validate(DataSource)} additionally prepares every query
 * against a database and checks its column count. Queries are trusted configuration: they are
 * embedded in generated SQL as written, as a derived table, except that a query of the simple form
 * {@code SELECT col, … FROM table [[AS] alias] [WHERE condition]} (plain columns; a condition of
 * columns, literals, comparisons, {@code IS [NOT] NULL}, {@code AND}, {@code OR}, {@code NOT}) is
 * recognized by a strict parser and inlined: its table joins the generated query directly under a
 * private alias, its columns and condition qualified by that alias. Databases that do not flatten
 * derived tables (H2) then use the table's indexes.
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalBindings {
  private static final Pattern SIGNATURE =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final List<FactSource.Binding> bindings;
  private final Map<String, SqlType> sqlTypes;

  private LocalBindings(List<FactSource.Binding> bindings, Map<String, SqlType> sqlTypes) {
    this.bindings = List.copyOf(bindings);
    this.sqlTypes = Collections.unmodifiableMap(new LinkedHashMap<>(sqlTypes));
  }

  /**
   * Returns bindings with no facts and no SQL types.
   *
   * @return the empty bindings
   */
  public static LocalBindings empty() {
    return new LocalBindings(List.of(), Map.of());
  }

  /**
   * Parses bindings in Oso Cloud's YAML format.
   *
   * @param yaml the YAML text
   * @return the bindings
   * @throws IllegalArgumentException naming the key and what is wrong if the text is not valid
   */
  public static LocalBindings fromYaml(String yaml) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(yaml);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "local bindings are not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("local bindings must be a YAML mapping with 'facts'");
    }
    Builder b = builder();
    for (String key : root.propertyNames()) {
      if (!key.equals("facts") && !key.equals("sql_types")) {
        throw new IllegalArgumentException(
            "local bindings: unknown key '" + key + "'; expected 'facts' and 'sql_types'");
      }
    }
    JsonNode types = root.get("sql_types");
    if (types != null && !types.isNull()) {
      for (String type : types.propertyNames()) {
        b.sqlType(type, types.get(type).asString());
      }
    }
    JsonNode facts = root.get("facts");
    if (facts == null || !facts.isObject()) {
      throw new IllegalArgumentException("local bindings: 'facts' must be a mapping of signatures");
    }
    for (String signature : facts.propertyNames()) {
      JsonNode entry = facts.get(signature);
      JsonNode query = entry == null ? null : entry.get("query");
      if (query == null || !query.isString()) {
        throw new IllegalArgumentException(
            "local bindings: fact '" + signature + "' needs a 'query' string");
      }
      b.fact(signature, query.asString());
    }
    return b.build();
  }

  /**
   * Reads bindings from a YAML file.
   *
   * @param path the file
   * @return the bindings
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if its content is not valid
   */
  public static LocalBindings fromYaml(Path path) {
    try {
      return fromYaml(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read local bindings '" + path + "'", e);
    }
  }

  /**
   * Starts building bindings in Java.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the bindings of one predicate and arity.
   *
   * @param predicate the predicate
   * @param arity the arity
   * @return the bindings, empty if the predicate is not bound locally
   */
  public List<FactSource.Binding> bindings(String predicate, int arity) {
    List<FactSource.Binding> out = new ArrayList<>();
    for (FactSource.Binding b : bindings) {
      if (b.predicate().equals(predicate) && b.arity() == arity) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * Returns every binding.
   *
   * @return the bindings, in declaration order
   */
  public List<FactSource.Binding> all() {
    return bindings;
  }

  /**
   * Returns the SQL types of id columns per type name.
   *
   * @return type name to SQL type
   */
  public Map<String, SqlType> sqlTypes() {
    return sqlTypes;
  }

  /**
   * Prepares every query against a database and checks that it returns one column per placeholder.
   *
   * @param dataSource the database
   * @throws IllegalArgumentException naming the binding if a query does not prepare or has the
   *     wrong number of columns
   */
  public void validate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      for (FactSource.Binding b : bindings) {
        try (PreparedStatement ps = c.prepareStatement(b.query())) {
          ResultSetMetaData md = ps.getMetaData();
          if (md != null && md.getColumnCount() != b.columnCount()) {
            throw new IllegalArgumentException(
                "local binding of '"
                    + b.predicate()
                    + "/"
                    + b.arity()
                    + "': query returns "
                    + md.getColumnCount()
                    + " columns, the signature has "
                    + b.columnCount()
                    + " placeholders");
          }
        } catch (SQLException e) {
          throw new IllegalArgumentException(
              "local binding of '"
                  + b.predicate()
                  + "/"
                  + b.arity()
                  + "': query does not prepare: "
                  + e.getMessage(),
              e);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to validate local bindings", e);
    }
  }

  /** Builds {@link LocalBindings}. Not thread-safe. */
  public static final class Builder {
    private final List<String[]> facts = new ArrayList<>();
    private final Map<String, SqlType> sqlTypes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Binds a fact signature to a query.
     *
     * @param signature such as {@code has_role(User:_, String:_, Organization:_)}
     * @param query a SELECT returning one column per {@code _}
     * @return this builder
     */
    public Builder fact(String signature, String query) {
      facts.add(
          new String[] {requireNonNull(signature, "signature"), requireNonNull(query, "query")});
      return this;
    }

    /**
     * Sets the SQL type of a type's id column.
     *
     * @param type the type name, such as {@code Repository}
     * @param sqlType the SQL type name ({@code integer}, {@code bigint}, {@code uuid}, {@code
     *     text})
     * @return this builder
     * @throws IllegalArgumentException if the type name is unknown
     */
    public Builder sqlType(String type, String sqlType) {
      try {
        return sqlType(type, SqlType.parse(sqlType));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "local bindings: sql_types of '" + type + "': " + e.getMessage(), e);
      }
    }

    /**
     * Sets the SQL type of a type's id column.
     *
     * @param type the type name
     * @param sqlType the SQL type
     * @return this builder
     */
    public Builder sqlType(String type, SqlType sqlType) {
      if (!NAME.matcher(type).matches()) {
        throw new IllegalArgumentException("local bindings: '" + type + "' is not a type name");
      }
      sqlTypes.put(type, requireNonNull(sqlType, "sqlType"));
      return this;
    }

    /**
     * Checks everything and builds the bindings.
     *
     * @return the bindings
     * @throws IllegalArgumentException naming the signature and the problem
     */
    public LocalBindings build() {
      List<FactSource.Binding> out = new ArrayList<>();
      for (String[] f : facts) {
        out.add(parse(f[0], f[1], sqlTypes));
      }
      return new LocalBindings(out, sqlTypes);
    }
  }

  static FactSource.Binding parse(String signature, String query, Map<String, SqlType> sqlTypes) {
    Matcher m = SIGNATURE.matcher(signature);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "local bindings: '" + signature + "' is not a fact signature like 'pred(Type:_, ...)'");
    }
    List<FactSource.BindingArg> args = new ArrayList<>();
    String inner = m.group(2).trim();
    if (!inner.isEmpty()) {
      for (String part : inner.split(",")) {
        args.add(arg(signature, part.trim(), sqlTypes));
      }
    }
    checkQuery(signature, query);
    FactSource.Binding b = new FactSource.Binding(m.group(1), query.trim(), args);
    if (b.columnCount() == 0) {
      throw new IllegalArgumentException(
          "local bindings: '"
              + signature
              + "' has no '_' placeholder; bind a unary fact with a"
              + " query returning its id, filtered by WHERE");
    }
    return b;
  }

  private static FactSource.BindingArg arg(
      String signature, String part, Map<String, SqlType> sqlTypes) {
    int colon = part.indexOf(':');
    if (colon < 0) {
      if (!NAME.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "local bindings: argument '"
                + part
                + "' of '"
                + signature
                + "' is not 'Type:_',"
                + " 'Type:value' or a bare word");
      }
      return new FactSource.BindingArg(Value.STRING, SqlType.TEXT, Value.of(part));
    }
    String type = part.substring(0, colon).trim();
    String rest = part.substring(colon + 1).trim();
    if (!NAME.matcher(type).matches() || rest.isEmpty()) {
      throw new IllegalArgumentException(
          "local bindings: argument '"
              + part
              + "' of '"
              + signature
              + "' is not 'Type:_' or"
              + " 'Type:value'");
    }
    if (rest.equals("_")) {
      return new FactSource.BindingArg(type, columnType(type, sqlTypes), null);
    }
    try {
      return new FactSource.BindingArg(type, SqlType.TEXT, new Value(type, rest));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "local bindings: argument '" + part + "' of '" + signature + "': " + e.getMessage(), e);
    }
  }

  private static SqlType columnType(String type, Map<String, SqlType> sqlTypes) {
    switch (type) {
      case Value.STRING:
        return SqlType.TEXT;
      case Value.INTEGER:
        return SqlType.BIGINT;
      case Value.BOOLEAN:
        return SqlType.BOOLEAN;
      default:
        return sqlTypes.getOrDefault(type, SqlType.TEXT);
    }
  }

  private static void checkQuery(String signature, String query) {
    String q = query.trim();
    String head = q.length() >= 6 ? q.substring(0, 6).toUpperCase(Locale.ROOT) : q;
    if (!(head.startsWith("SELECT") || head.startsWith("WITH"))) {
      throw new IllegalArgumentException(
          "local bindings: query of '" + signature + "' must start with SELECT or WITH");
    }
    if (q.endsWith(";")) {
      throw new IllegalArgumentException(
          "local bindings: query of '" + signature + "' must not end with ';'");
    }
    if (q.chars().anyMatch(c -> c < 0x09)) {
      throw new IllegalArgumentException(
          "local bindings: query of '" + signature + "' holds a control character");
    }
  }

  /** Returns the bindings' signatures, for messages. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    for (Iterator<FactSource.Binding> it = bindings.iterator(); it.hasNext(); ) {
      FactSource.Binding b = it.next();
      names.add(b.predicate() + "/" + b.arity());
    }
    return "LocalBindings" + names;
  }
}
