package dev.osoj.internal.hibernate;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.hibernate.OsoResource;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Filter;
import org.hibernate.Session;
import org.hibernate.engine.spi.FilterDefinition;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Enables and disables the authorization filters of one session. */
public final class SessionFilters {
  private static final Logger logger = LoggerFactory.getLogger(SessionFilters.class);

  /** The session property holding the current authorization context. */
  static final String CONTEXT_PROPERTY = "dev.osoj.hibernate.context";

  private SessionFilters() {}

  /**
   * Enables, on a session, the filters restricting every {@link OsoResource} entity to what an
   * actor may do with an action.
   *
   * @param session the session
   * @param oso the authorization engine
   * @param actor the actor
   * @param action the action
   * @throws IllegalStateException if the session already holds entities loaded under another actor
   *     or action
   */
  public static void enable(Session session, Oso oso, Value actor, String action) {
    String context = actor + " " + action;
    Object current = session.getProperties().get(CONTEXT_PROPERTY);
    if (context.equals(current)) {
      return;
    }
    SharedSessionContractImplementor impl = session.unwrap(SharedSessionContractImplementor.class);
    if (current != null) {
      int managed = impl.getPersistenceContextInternal().getNumberOfManagedEntities();
      if (managed > 0) {
        throw new IllegalStateException(
            "session holds "
                + managed
                + " entities loaded for '"
                + current
                + "'; refusing to switch it to '"
                + context
                + "': open a new session (or clear this one) per authorization context");
      }
      disable(session);
    }
    SessionFactoryImplementor factory = impl.getFactory();
    SqlDialect dialect = Dialects.of(factory.getJdbcServices().getDialect());
    for (EntityPersister persister :
        (Iterable<EntityPersister>)
            factory.getMappingMetamodel().streamEntityDescriptors()::iterator) {
      OsoResource resource =
          persister.getMappedClass() == null
              ? null
              : persister.getMappedClass().getAnnotation(OsoResource.class);
      if (resource != null) {
        new EntityFilter(session, factory, persister, resource.value(), dialect)
            .enable(oso, actor, action);
      }
    }
    session.setProperty(CONTEXT_PROPERTY, context);
  }

  /**
   * Disables every authorization filter of a session and forgets its authorization context.
   *
   * @param session the session
   */
  public static void disable(Session session) {
    SessionFactoryImplementor factory =
        session.unwrap(SharedSessionContractImplementor.class).getFactory();
    for (String name : factory.getDefinedFilterNames()) {
      if (name.startsWith(FilterNames.PREFIX) && session.getEnabledFilter(name) != null) {
        session.disableFilter(name);
      }
    }
    session.getProperties().remove(CONTEXT_PROPERTY);
  }

  /** The filters of one entity in one session. */
  private static final class EntityFilter {
    private final Session session;
    private final SessionFactoryImplementor factory;
    private final EntityPersister persister;
    private final String resourceType;
    private final SqlDialect dialect;
    private final String entity;

    EntityFilter(
        Session session,
        SessionFactoryImplementor factory,
        EntityPersister persister,
        String resourceType,
        SqlDialect dialect) {
      this.session = session;
      this.factory = factory;
      this.persister = persister;
      this.resourceType = resourceType;
      this.dialect = dialect;
      this.entity = persister.getJpaEntityName();
    }

    void enable(Oso oso, Value actor, String action) {
      if (!factory.getDefinedFilterNames().contains(FilterNames.none(entity))) {
        throw new IllegalStateException(
            "entity '"
                + entity
                + "' has no oso filters: build the SessionFactory with the setting"
                + " 'dev.osoj.hibernate.oso' holding the Oso instance");
      }
      AuthorizedFilter filter = oso.listFilter(actor, action, resourceType);
      Optional<List<String>> fixed = filter.ids();
      if (filter.kind() == AuthorizedFilter.Kind.ALWAYS) {
        logger.debug("{} {} {}: every row, no filter", actor, action, entity);
      } else if (filter.kind() == AuthorizedFilter.Kind.NEVER) {
        session.enableFilter(FilterNames.none(entity));
        logger.debug("{} {} {}: no row", actor, action, entity);
      } else if (fixed.isPresent()) {
        // a fixed answer (a remote instance's filter): nothing was compiled for it
        enableIds(fixed.get(), actor, action, "the filter is a fixed list of ids");
      } else if (!enableCompiled(filter, actor, action)) {
        enableIds(
            oso.list(actor, action, resourceType),
            actor,
            action,
            "the plan cannot be a compiled filter (facts held in memory or an action not"
                + " compiled at bootstrap)");
      }
    }

    private boolean enableCompiled(AuthorizedFilter filter, Value actor, String action) {
      String name = FilterNames.compiled(entity, actor.type(), action);
      if (!factory.getDefinedFilterNames().contains(name)) {
        return false;
      }
      FilterDefinition definition = factory.getFilterDefinition(name);
      SqlFragment fragment = null;
      String table = EntityFilterSql.bareTable(persister.getTableName());
      for (SqlFragment f : EntityFilterSql.renderings(filter, table, idColumn(), dialect)) {
        Optional<String> condition = FilterSql.toCondition(f);
        if (condition.isPresent()
            && condition.get().equals(definition.getDefaultFilterCondition())) {
          fragment = f;
          break;
        }
      }
      if (fragment == null) {
        return false;
      }
      List<Object> values = fragment.parameters();
      for (int i = 0; i < values.size(); i++) {
        JdbcMapping mapping = definition.getParameterJdbcMapping(FilterSql.parameterName(i));
        if (mapping == null
            || !mapping.getJavaTypeDescriptor().getJavaTypeClass().isInstance(values.get(i))) {
          return false;
        }
      }
      Filter enabled = session.enableFilter(name);
      for (int i = 0; i < values.size(); i++) {
        enabled.setParameter(FilterSql.parameterName(i), values.get(i));
      }
      logger.debug("{} {} {}: compiled filter '{}'", actor, action, entity, name);
      return true;
    }

    private void enableIds(List<String> ids, Value actor, String action, String why) {
      if (ids.contains("*")) {
        logger.debug("{} {} {}: every row (wildcard answer), no filter", actor, action, entity);
        return;
      }
      if (ids.isEmpty()) {
        session.enableFilter(FilterNames.none(entity));
        return;
      }
      Class<?> idType = persister.getIdentifierMapping().getJavaType().getJavaTypeClass();
      List<Object> typed = new ArrayList<>(ids.size());
      for (String id : ids) {
        Object value = convert(id, idType);
        if (value != null) {
          typed.add(value);
        }
      }
      if (typed.isEmpty()) {
        session.enableFilter(FilterNames.none(entity));
        return;
      }
      session
          .enableFilter(FilterNames.ids(entity))
          .setParameterList(FilterNames.IDS_PARAMETER, typed);
      logger.debug(
          "{} {} {}: {}; filtering by a list of {} ids", actor, action, entity, why, typed.size());
    }

    private String idColumn() {
      EntityIdentifierMapping id = persister.getIdentifierMapping();
      if (!(id instanceof SelectableMapping)) {
        throw new IllegalStateException(
            "oso resource entity '" + entity + "' needs a single-column id");
      }
      return ((SelectableMapping) id).getSelectionExpression();
    }

    /** Returns the id as a value of the id type, or null when no row can have that id. */
    private static @Nullable Object convert(String id, Class<?> idType) {
      try {
        if (idType == String.class) {
          return id;
        }
        if (idType == Long.class || idType == long.class) {
          return Long.valueOf(id);
        }
        if (idType == Integer.class || idType == int.class) {
          return Integer.valueOf(id);
        }
        if (idType == UUID.class) {
          return UUID.fromString(id);
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
      throw new IllegalStateException(
          "unsupported id type '" + idType.getName() + "' for an oso id-list filter");
    }
  }
}
