package dev.osoj.hibernate;

import static java.util.Objects.requireNonNull;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.internal.hibernate.MetamodelBindings;
import dev.osoj.internal.hibernate.SessionFilters;
import dev.osoj.sql.LocalBindings;
import org.hibernate.Session;
import org.hibernate.boot.Metadata;

/**
 * Restricts what a Hibernate session loads to the rows an actor may act on, with filters compiled
 * from the Oso policy.
 *
 * <p>Mark entities with {@link OsoResource}, put the {@link Oso} instance in the settings under
 * {@link #OSO} when the {@code SessionFactory} is built, then enable the filters per session:
 *
 * <pre>{@code
 * SessionFactory factory = new MetadataSources(
 *         new StandardServiceRegistryBuilder()
 *             .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
 *             .applySetting(OsoHibernate.OSO, oso)
 *             .build())
 *     .addAnnotatedClass(Repository.class)
 *     .buildMetadata()
 *     .buildSessionFactory();
 *
 * try (Session session = factory.openSession()) {
 *   OsoHibernate.enable(session, oso, new Value("User", "alice"), "read");
 *   List<Repository> mine =
 *       session.createSelectionQuery("from Repository order by name", Repository.class).list();
 * }
 * }</pre>
 *
 * <p>At bootstrap, for every {@link OsoResource} entity, every actor type of {@link #ACTOR_TYPES}
 * and every action (the permissions the policy declares for the type, or {@link #ACTIONS}), the
 * question {@code list(actor, action, type)} is planned for a stand-in actor and rendered as SQL
 * for the session factory's dialect; the result becomes a Hibernate filter definition whose
 * parameters are the bound values of that SQL. At run time {@link #enable} plans the same question
 * for the real actor; when the SQL text is the one compiled at bootstrap (facts in the managed fact
 * table or in local bindings, where only the bound values depend on the actor) the compiled filter
 * is enabled with the real values.
 *
 * <p><b>Shape.</b> The compiled condition is the table-aware form of {@link
 * dev.osoj.sql.AuthorizedFilter#toSql(dev.osoj.sql.FilterTarget, dev.osoj.sql.SqlDialect)} on the
 * entity's table under Hibernate's {@code {alias}} ({@link dev.osoj.sql.FilterTarget#placeholder}):
 * a way of being authorized that reads the entity's own table by its id through a simple local
 * binding (such as those {@link #bindings} derives: {@code SELECT id FROM repositories WHERE
 * is_public}, {@code SELECT id, organization_id FROM repositories WHERE organization_id IS NOT
 * NULL}) becomes a condition on the entity's row ({@code {alias}.is_public}, {@code
 * {alias}.organization_id IN (SELECT … FROM org_roles …)}), the other ways one {@code {alias}.id IN
 * (subquery)} each, as a hand-written query would say. The table is the one of the mapping, matched
 * with the bindings' {@code FROM} by name ignoring case. When the id column is not a simple
 * identifier, or the text cannot be a filter condition, the condition is the column form, {@code
 * {alias}.id IN (subquery)} per way of being authorized; when no binding reads the entity's table
 * (facts in the managed fact table, say) both forms are the same text.
 *
 * <p><b>Id-list fallback.</b> When the text differs — facts held only in memory are copied into the
 * SQL as values, so its shape depends on the data; an action that was not compiled at bootstrap —
 * the filter falls back to {@code id IN (:ids)} with the ids from {@link Oso#list}, and says so in
 * a DEBUG log line. That is exact but grows with the number of authorized rows. A remote {@code
 * Oso}, whose policy and facts are on the server, answers {@link Oso#listFilter} with such a list
 * itself ({@link dev.osoj.sql.AuthorizedFilter#ids()}): nothing is compiled for it, and each {@link
 * #enable} asks the server once and enables the id-list filter.
 *
 * <p><b>Limitations.</b>
 *
 * <ul>
 *   <li>Filters apply to HQL/JPQL and criteria queries, to {@code find}/{@code get} by id (the
 *       definitions set {@code applyToLoadByKey}), which then return null for a hidden row, and to
 *       {@code @OneToMany} and {@code @ManyToMany} collections of a resource entity (the filters
 *       are put on those collections too), which then hold only the visible elements. A
 *       many-to-many collection gets the condition with the entity's columns unqualified, for
 *       Hibernate to qualify them; a column whose name Hibernate reads as an SQL keyword or
 *       function there might be left unqualified (not tested).
 *   <li>A to-one association whose target is hidden never yields the hidden row, but not null
 *       either: a lazy proxy throws Hibernate's {@code ObjectNotFoundException} when initialised;
 *       an eager one makes the whole query or {@code find} that loads it (by a secondary select, a
 *       {@code left join fetch} or a load by id) throw {@code EntityFilterException}; an inner
 *       {@code join fetch} silently drops the visible owner row. Mapping the association
 *       {@code @NotFound(action = IGNORE)} makes a hidden target read as null.
 *   <li>Native SQL queries, the second-level cache and entities already in the session's
 *       persistence context are not filtered: enable the filters before loading anything.
 *   <li>One authorization context per session: {@link #enable} with another actor or action on a
 *       session that already holds entities throws {@link IllegalStateException}.
 *   <li>Filters are read-only: updates and deletes by id are not restricted.
 *   <li>Entities need a single-column id; dialects H2 and PostgreSQL.
 * </ul>
 *
 * <p>Thread safety: the methods are stateless; a {@link Session} itself is not thread-safe.
 */
public final class OsoHibernate {
  /**
   * Setting holding the {@link Oso} instance the filters are compiled from (an object, not text).
   * Without it no filter is defined.
   */
  public static final String OSO = "dev.osoj.hibernate.oso";

  /**
   * Setting listing the actor types filters are compiled for (comma-separated text or a list);
   * default {@code User}.
   */
  public static final String ACTOR_TYPES = "dev.osoj.hibernate.actor_types";

  /**
   * Setting listing the actions filters are compiled for (comma-separated text or a list); default
   * the permissions the policy declares for each resource type.
   */
  public static final String ACTIONS = "dev.osoj.hibernate.actions";

  private OsoHibernate() {}

  /**
   * Enables, on a session, the filters restricting every {@link OsoResource} entity to the rows an
   * actor may act on with an action. Enabling the same actor and action again does nothing.
   *
   * @param session the session, best freshly opened
   * @param oso the instance the session factory was built with
   * @param actor the actor
   * @param action the action
   * @throws IllegalStateException if the session already holds entities loaded under another actor
   *     or action, or the session factory was built without the {@link #OSO} setting
   */
  public static void enable(Session session, Oso oso, Value actor, String action) {
    requireNonNull(session, "session");
    requireNonNull(oso, "oso");
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    SessionFilters.enable(session, oso, actor, action);
  }

  /**
   * Derives local bindings from the entity mapping: per {@link OsoResource} entity the SQL type of
   * its id ({@code sql_types}), {@code has_relation(Type, "<attribute>", Target)} for each to-one
   * association to another resource entity (renamed with {@link OsoRelation}), and a fact per
   * {@link OsoAttribute} attribute. Build the metadata once without the {@link #OSO} setting to
   * derive them, then the session factory with it.
   *
   * @param metadata the bootstrap metadata ({@code MetadataSources.buildMetadata()})
   * @return a builder holding the derived bindings; add role bindings and build it
   */
  public static LocalBindings.Builder bindings(Metadata metadata) {
    requireNonNull(metadata, "metadata");
    return MetamodelBindings.derive(metadata);
  }

  /**
   * Disables the authorization filters of a session and forgets its authorization context. Entities
   * already loaded stay in the session.
   *
   * @param session the session
   */
  public static void disable(Session session) {
    requireNonNull(session, "session");
    SessionFilters.disable(session);
  }
}
