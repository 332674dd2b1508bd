package dev.osoj.jooq;

import static java.util.Objects.requireNonNull;

import dev.osoj.internal.jooq.Registry;
import dev.osoj.sql.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Local bindings derived from jOOQ table metadata (generated tables, or {@code DSLContext.meta()}),
 * in Oso Cloud's data-bindings format, so facts stay in the application's own tables.
 *
 * <ul>
 *   <li>{@link Builder#resource}: a table holds one resource type; its single-column primary key is
 *       the id. Every single-column foreign key to another mapped table becomes {@code
 *       has_relation(Type, "<column without _id>", Target)}.
 *   <li>{@link Builder#attribute}: a boolean column {@code is_public} becomes {@code
 *       is_public(Type)}; another column {@code status} becomes {@code has_status(Type, String)}
 *       (or {@code Integer}).
 *   <li>{@link Builder#roles}: a table of role assignments becomes {@code has_role(Actor, String,
 *       Resource)}, the types taken from the foreign keys of its actor and resource columns.
 * </ul>
 *
 * <p>{@link #toYaml()} gives the file text any Oso instance accepts as local bindings. Building
 * also records, process-wide, each table's resource type (for {@link OsoJooq#authorized(
 * dev.osoj.Oso, dev.osoj.Value, String, Field)}) and the jOOQ select behind each derived query, so
 * conditions render those selects through jOOQ rather than as text.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JooqBindings {
  private final Map<String, String> queries;
  private final Map<String, SqlType> sqlTypes;

  private JooqBindings(Map<String, String> queries, Map<String, SqlType> sqlTypes) {
    this.queries = Map.copyOf(queries);
    this.sqlTypes = Map.copyOf(sqlTypes);
  }

  /**
   * Starts describing the mapping.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the query of every fact signature, such as {@code has_relation(Repository:_,
   * String:organization, Organization:_)}.
   *
   * @return signature to {@code SELECT} text, in the order they were derived
   */
  public Map<String, String> queries() {
    return queries;
  }

  /**
   * Returns the SQL type of the id column of each mapped type.
   *
   * @return type name to SQL type
   */
  public Map<String, SqlType> sqlTypes() {
    return sqlTypes;
  }

  /**
   * Returns the bindings in Oso Cloud's YAML format ({@code facts:} and {@code sql_types:}).
   *
   * @return the YAML text
   */
  public String toYaml() {
    StringBuilder b = new StringBuilder("facts:\n");
    queries.forEach(
        (signature, query) ->
            b.append("  ")
                .append(quote(signature))
                .append(":\n    query: ")
                .append(quote(query))
                .append('\n'));
    b.append("sql_types:\n");
    sqlTypes.forEach(
        (type, sql) ->
            b.append("  ")
                .append(type)
                .append(": ")
                .append(sql.name().toLowerCase(Locale.ROOT))
                .append('\n'));
    return b.toString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Collects the mapping; mutable, not thread-safe. */
  public static final class Builder {
    private final Map<Table<?>, String> types = new LinkedHashMap<>();
    private final Map<Table<?>, TableField<?, ?>> ids = new LinkedHashMap<>();
    private final List<Runnable> later = new ArrayList<>();
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final Map<String, Select<?>> selects = new LinkedHashMap<>();
    private DSLContext render =
        DSL.using(
            SQLDialect.DEFAULT,
            new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED));

    private Builder() {}

    /**
     * Sets the jOOQ context used to render the derived queries as text (its dialect and quoting);
     * by default jOOQ's default dialect, quoting names as they were given.
     *
     * @param context the context
     * @return this builder
     */
    public Builder renderWith(DSLContext context) {
      this.render = requireNonNull(context, "context");
      return this;
    }

    /**
     * Maps a table to a resource (or actor) type; its primary key must be one column.
     *
     * @param type the type name in the policy
     * @param table the table
     * @return this builder
     * @throws IllegalArgumentException if the table has no single-column primary key or is mapped
     *     already
     */
    public Builder resource(String type, Table<?> table) {
      UniqueKey<?> key = table.getPrimaryKey();
      if (key == null || key.getFields().size() != 1) {
        throw new IllegalArgumentException(
            "table '"
                + table.getName()
                + "' needs a single-column primary key to map '"
                + type
                + "'; use resource(type, idField)");
      }
      return resource(type, key.getFields().get(0));
    }

    /**
     * Maps the table of an id column to a resource (or actor) type.
     *
     * @param type the type name in the policy
     * @param id the id column
     * @return this builder
     * @throws IllegalArgumentException if the table is mapped already
     */
    public Builder resource(String type, TableField<?, ?> id) {
      requireNonNull(type, "type");
      Table<?> table = id.getTable();
      if (types.containsKey(table)) {
        throw new IllegalArgumentException(
            "table '" + table.getName() + "' is mapped to '" + types.get(table) + "' already");
      }
      types.put(table, type);
      ids.put(table, id);
      later.add(() -> foreignKeys(table));
      return this;
    }

    /**
     * Adds a relation the foreign keys do not show: {@code has_relation(Type, name, Target)} where
     * the column holds the id of the target type's table.
     *
     * @param name the relation name in the policy
     * @param column a column of a mapped table
     * @param targetType the type of the related resource
     * @return this builder
     */
    public Builder relation(String name, TableField<?, ?> column, String targetType) {
      later.add(() -> relationQuery(name, column, targetType));
      return this;
    }

    /**
     * Maps a column of a mapped table as an attribute fact (see the class description).
     *
     * @param column the column
     * @return this builder
     */
    public Builder attribute(TableField<?, ?> column) {
      later.add(() -> attributeQuery(column));
      return this;
    }

    /**
     * Maps a table of role assignments: {@code has_role(Actor, String, Resource)}.
     *
     * @param actor the column holding the actor id (a foreign key to a mapped table)
     * @param role the column holding the role name
     * @param resource the column holding the resource id (a foreign key to a mapped table)
     * @return this builder
     */
    public Builder roles(TableField<?, ?> actor, TableField<?, ?> role, TableField<?, ?> resource) {
      later.add(() -> roleQuery(actor, role, resource));
      return this;
    }

    /**
     * Derives the queries, checks the mapping and records it for {@link OsoJooq}.
     *
     * @return the bindings
     * @throws IllegalArgumentException if a column's table is not mapped or a foreign key points to
     *     an unmapped table
     */
    public JooqBindings build() {
      later.forEach(Runnable::run);
      Map<String, SqlType> sqlTypes = new LinkedHashMap<>();
      ids.forEach((table, id) -> sqlTypes.put(types.get(table), sqlType(id)));
      types.forEach(Registry::type);
      selects.forEach(Registry::select);
      return new JooqBindings(queries, sqlTypes);
    }

    private void foreignKeys(Table<?> table) {
      for (ForeignKey<?, ?> fk : table.getReferences()) {
        String target = types.get(fk.getKey().getTable());
        if (fk.getFields().size() == 1 && target != null) {
          TableField<?, ?> column = fk.getFields().get(0);
          relationQuery(relationName(column), column, target);
        }
      }
    }

    private void relationQuery(String name, TableField<?, ?> column, String targetType) {
      Table<?> table = mapped(column);
      TableField<?, ?> id = ids.get(table);
      String sig =
          "has_relation(" + types.get(table) + ":_, String:" + name + ", " + targetType + ":_)";
      add(sig, DSL.select(id, column).from(table).where(column.isNotNull()));
    }

    private void attributeQuery(TableField<?, ?> column) {
      Table<?> table = mapped(column);
      TableField<?, ?> id = ids.get(table);
      String name = column.getName().toLowerCase(Locale.ROOT);
      if (column.getType() == Boolean.class) {
        @SuppressWarnings("unchecked")
        Field<Boolean> flag = (Field<Boolean>) column;
        add(name + "(" + types.get(table) + ":_)", DSL.select(id).from(table).where(flag.isTrue()));
      } else {
        String valueType = Number.class.isAssignableFrom(column.getType()) ? "Integer" : "String";
        add(
            "has_" + name + "(" + types.get(table) + ":_, " + valueType + ":_)",
            DSL.select(id, column).from(table).where(column.isNotNull()));
      }
    }

    private void roleQuery(
        TableField<?, ?> actor, TableField<?, ?> role, TableField<?, ?> resource) {
      String actorType = referencedType(actor);
      String resourceType = referencedType(resource);
      add(
          "has_role(" + actorType + ":_, String:_, " + resourceType + ":_)",
          DSL.select(actor, role, resource).from(actor.getTable()));
    }

    private String referencedType(TableField<?, ?> column) {
      for (ForeignKey<?, ?> fk : column.getTable().getReferences()) {
        if (fk.getFields().size() == 1 && fk.getFields().get(0).equals(column)) {
          String type = types.get(fk.getKey().getTable());
          if (type != null) {
            return type;
          }
        }
      }
      throw new IllegalArgumentException(
          "column '" + column.getQualifiedName() + "' is no foreign key to a mapped table");
    }

    private Table<?> mapped(TableField<?, ?> column) {
      Table<?> table = column.getTable();
      if (!types.containsKey(table)) {
        throw new IllegalArgumentException(
            "table '" + table.getName() + "' of column '" + column.getName() + "' is not mapped");
      }
      return table;
    }

    private void add(String signature, Select<?> select) {
      String text = render.renderInlined(select);
      queries.put(signature, text);
      selects.put(text, select);
    }

    private static String relationName(TableField<?, ?> column) {
      String name = column.getName().toLowerCase(Locale.ROOT);
      return name.endsWith("_id") ? name.substring(0, name.length() - 3) : name;
    }

    private static SqlType sqlType(Field<?> id) {
      Class<?> c = id.getType();
      if (c == Long.class) {
        return SqlType.BIGINT;
      }
      if (c == Integer.class || c == Short.class) {
        return SqlType.INTEGER;
      }
      if (c == UUID.class) {
        return SqlType.UUID;
      }
      return SqlType.TEXT;
    }
  }
}
