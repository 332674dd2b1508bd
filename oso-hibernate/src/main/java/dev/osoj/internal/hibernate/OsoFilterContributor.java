package dev.osoj.internal.hibernate;

import dev.osoj.Oso;
import dev.osoj.OsoException;
import dev.osoj.PolicyMetadata;
import dev.osoj.Value;
import dev.osoj.hibernate.OsoHibernate;
import dev.osoj.hibernate.OsoResource;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import dev.osoj.sql.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.FilterDefinition;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.ManyToOne;
import org.hibernate.mapping.OneToMany;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.spi.TypeConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contributes, at bootstrap, the filter definitions of every {@link OsoResource} entity: one
 * compiled from the policy per actor type and action, one restricting the entity to a list of ids
 * and one hiding every row. Found by Hibernate through {@link java.util.ServiceLoader}; does
 * nothing unless the {@link OsoHibernate#OSO} setting holds an {@link Oso}.
 */
public final class OsoFilterContributor implements AdditionalMappingContributor {
  private static final Logger logger = LoggerFactory.getLogger(OsoFilterContributor.class);

  /** The id of the stand-in actor the filters are compiled for. */
  static final String TEMPLATE_ACTOR_ID = "osoj-filter-template";

  /** Creates the contributor (called by the service loader). */
  public OsoFilterContributor() {}

  @Override
  public String getContributorName() {
    return "oso-authorization-filters";
  }

  @Override
  public void contribute(
      AdditionalMappingContributions contributions,
      InFlightMetadataCollector metadata,
      ResourceStreamLocator resourceStreamLocator,
      MetadataBuildingContext context) {
    Map<String, Object> settings =
        context
            .getBootstrapContext()
            .getServiceRegistry()
            .requireService(ConfigurationService.class)
            .getSettings();
    Object oso = settings.get(OsoHibernate.OSO);
    if (oso == null) {
      logger.debug("setting '{}' is absent: no oso filters contributed", OsoHibernate.OSO);
      return;
    }
    if (!(oso instanceof Oso)) {
      throw new IllegalStateException(
          "setting '"
              + OsoHibernate.OSO
              + "' must hold a dev.osoj.Oso, not '"
              + oso.getClass().getName()
              + "'");
    }
    SqlDialect dialect = Dialects.of(metadata.getDatabase().getDialect());
    Contribution contribution =
        new Contribution(
            (Oso) oso,
            dialect,
            context.getBootstrapContext().getTypeConfiguration(),
            metadata,
            list(settings.get(OsoHibernate.ACTOR_TYPES), List.of("User")),
            list(settings.get(OsoHibernate.ACTIONS), List.of()));
    int count = 0;
    for (PersistentClass entity : List.copyOf(metadata.getEntityBindingMap().values())) {
      Class<?> javaClass = entity.getMappedClass();
      OsoResource resource = javaClass == null ? null : javaClass.getAnnotation(OsoResource.class);
      if (resource != null) {
        contribution.entity(entity, resource.value());
        count++;
      }
    }
    logger.info("oso authorization filters defined for {} entities", count);
  }

  private static List<String> list(@Nullable Object setting, List<String> fallback) {
    if (setting == null) {
      return fallback;
    }
    if (setting instanceof String) {
      List<String> out = new ArrayList<>();
      for (String part : ((String) setting).split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (setting instanceof String[]) {
      return Arrays.asList((String[]) setting);
    }
    if (setting instanceof List) {
      List<String> out = new ArrayList<>();
      for (Object o : (List<?>) setting) {
        out.add(String.valueOf(o));
      }
      return out;
    }
    throw new IllegalStateException(
        "oso setting must be a comma-separated string or a list, not '"
            + setting.getClass().getName()
            + "'");
  }

  /** The filters of one bootstrap. */
  private static final class Contribution {
    private final Oso oso;
    private final SqlDialect dialect;
    private final TypeConfiguration types;
    private final InFlightMetadataCollector metadata;
    private final List<String> actorTypes;
    private final List<String> actions;
    private @Nullable PolicyMetadata policyMetadata;

    /** Whether a filter came back as a list of ids: then no filter can be compiled. */
    private boolean answersWithIds;

    Contribution(
        Oso oso,
        SqlDialect dialect,
        TypeConfiguration types,
        InFlightMetadataCollector metadata,
        List<String> actorTypes,
        List<String> actions) {
      this.oso = oso;
      this.dialect = dialect;
      this.types = types;
      this.metadata = metadata;
      this.actorTypes = actorTypes;
      this.actions = actions;
    }

    void entity(PersistentClass entity, String resourceType) {
      String name = entity.getJpaEntityName();
      String idColumn = EntityIds.column(entity);
      Class<?> idType = entity.getIdentifierProperty().getType().getReturnedClass();
      define(
          entity,
          FilterNames.ids(name),
          "{alias}." + idColumn + " IN (:" + FilterNames.IDS_PARAMETER + ")",
          Map.of(FilterNames.IDS_PARAMETER, mapping(idType)));
      define(entity, FilterNames.none(name), "1=0", Map.of());
      for (String actorType : actorTypes) {
        for (String action : actionsOf(resourceType)) {
          compile(entity, resourceType, idColumn, actorType, action);
        }
      }
    }

    private void compile(
        PersistentClass entity,
        String resourceType,
        String idColumn,
        String actorType,
        String action) {
      if (answersWithIds) {
        return;
      }
      Value template = new Value(actorType, TEMPLATE_ACTOR_ID);
      String name = FilterNames.compiled(entity.getJpaEntityName(), actorType, action);
      AuthorizedFilter filter;
      try {
        filter = oso.listFilter(template, action, resourceType);
      } catch (OsoException e) {
        logger.warn(
            "no compiled filter '{}': planning '{}' on '{}' failed ({}); sessions enabling it"
                + " will ask again and fail the same way",
            name,
            action,
            resourceType,
            e.getMessage());
        return;
      }
      if (filter.ids().isPresent()) {
        // a remote instance: every answer is a list of ids, so stop asking
        answersWithIds = true;
        logger.debug(
            "no compiled filters from '{}' on: the Oso instance answers with lists of ids", name);
        return;
      }
      if (filter.kind() != AuthorizedFilter.Kind.CONDITIONAL) {
        logger.debug("no compiled filter '{}': the plan is constant ({})", name, filter.kind());
        return;
      }
      checkIdType(entity, resourceType, filter.sqlType(resourceType));
      SqlFragment fragment = null;
      Optional<String> condition = Optional.empty();
      for (SqlFragment f :
          EntityFilterSql.renderings(filter, entity.getTable().getName(), idColumn, dialect)) {
        condition = FilterSql.toCondition(f);
        if (condition.isPresent()) {
          fragment = f;
          break;
        }
      }
      if (fragment == null || condition.isEmpty()) {
        logger.debug("no compiled filter '{}': the SQL cannot be a filter condition", name);
        return;
      }
      Map<String, JdbcMapping> parameters = new HashMap<>();
      List<Object> values = fragment.parameters();
      for (int i = 0; i < values.size(); i++) {
        parameters.put(FilterSql.parameterName(i), mapping(values.get(i).getClass()));
      }
      define(entity, name, condition.get(), parameters);
      logger.debug("compiled filter '{}': {}", name, condition.get());
    }

    private static void checkIdType(PersistentClass entity, String resourceType, SqlType sqlType) {
      Class<?> id = entity.getIdentifierProperty().getType().getReturnedClass();
      boolean text = id == String.class;
      if (text != sqlType.isText()) {
        throw new IllegalStateException(
            "entity '"
                + entity.getJpaEntityName()
                + "' has a "
                + id.getSimpleName()
                + " id but the Oso instance gives '"
                + resourceType
                + "' ids the SQL type '"
                + sqlType
                + "'; declare it in the local bindings' sql_types (e.g. "
                + resourceType
                + ": bigint)");
      }
    }

    private void define(
        PersistentClass entity,
        String name,
        String condition,
        Map<String, JdbcMapping> parameters) {
      metadata.addFilterDefinition(
          new FilterDefinition(name, condition, false, true, parameters, Map.of()));
      entity.addFilter(name, condition, false, Map.of(), Map.of());
      Map<String, String> alias = Map.of("alias", entity.getTable().getName());
      for (Collection collection : oneToManyOf(entity)) {
        collection.addFilter(name, condition, false, alias, Map.of());
      }
      List<Collection> manyToMany = manyToManyOf(entity);
      if (!manyToMany.isEmpty()) {
        // Applied to the entity's table where Hibernate joins it behind the join table. Hibernate
        // 7 cannot resolve an explicit {alias} there (its many-to-many filter helper has no table
        // map), so the entity's columns are left unqualified and Hibernate qualifies them: every
        // other column of the condition is already qualified by a private alias.
        String unqualified = condition.replace("{alias}.", "");
        if (unqualified.contains("{alias}")) {
          throw new IllegalStateException(
              "filter '" + name + "' cannot be put on many-to-many collections: " + condition);
        }
        for (Collection collection : manyToMany) {
          collection.addManyToManyFilter(name, unqualified, true, Map.of(), Map.of());
        }
      }
    }

    /** Returns the one-to-many collections whose elements are the entity's rows. */
    private List<Collection> oneToManyOf(PersistentClass entity) {
      return collectionsOf(entity, false);
    }

    /** Returns the many-to-many collections (through a join table) of the entity's rows. */
    private List<Collection> manyToManyOf(PersistentClass entity) {
      return collectionsOf(entity, true);
    }

    private List<Collection> collectionsOf(PersistentClass entity, boolean throughJoinTable) {
      List<Collection> out = new ArrayList<>();
      for (Collection collection : metadata.getCollectionBindings()) {
        String element = null;
        if (!throughJoinTable && collection.getElement() instanceof OneToMany) {
          element = ((OneToMany) collection.getElement()).getReferencedEntityName();
        } else if (throughJoinTable
            && !collection.isOneToMany()
            && collection.getElement() instanceof ManyToOne) {
          element = ((ManyToOne) collection.getElement()).getReferencedEntityName();
        }
        if (entity.getEntityName().equals(element)) {
          out.add(collection);
        }
      }
      return out;
    }

    private Set<String> actionsOf(String resourceType) {
      if (!actions.isEmpty()) {
        return new LinkedHashSet<>(actions);
      }
      if (policyMetadata == null) {
        policyMetadata = oso.policyMetadata();
      }
      PolicyMetadata.ResourceMetadata block = policyMetadata.resources().get(resourceType);
      if (block == null) {
        throw new IllegalStateException(
            "entity resource type '" + resourceType + "' is not declared in the policy");
      }
      return new LinkedHashSet<>(block.permissions());
    }

    private JdbcMapping mapping(Class<?> javaType) {
      JdbcMapping mapping = types.getBasicTypeForJavaType(javaType);
      if (mapping == null) {
        throw new IllegalStateException(
            "no Hibernate basic type for filter parameter class '" + javaType.getName() + "'");
      }
      return mapping;
    }
  }
}
