package dev.osoj.internal.hibernate;

import dev.osoj.hibernate.OsoAttribute;
import dev.osoj.hibernate.OsoRelation;
import dev.osoj.hibernate.OsoResource;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlType;
import java.lang.reflect.AnnotatedElement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.boot.Metadata;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.ToOne;
import org.jspecify.annotations.Nullable;

/** Derives local bindings from the entity mapping of {@link OsoResource} entities. */
public final class MetamodelBindings {
  private MetamodelBindings() {}

  /**
   * Returns a bindings builder holding, per {@link OsoResource} entity, the id's SQL type, its
   * to-one associations to other resource entities and its {@link OsoAttribute} attributes.
   *
   * @param metadata the bootstrap metadata
   * @return the builder, to which role bindings may be added
   */
  public static LocalBindings.Builder derive(Metadata metadata) {
    Map<String, String> types = new HashMap<>();
    for (PersistentClass pc : metadata.getEntityBindings()) {
      OsoResource r = resource(pc);
      if (r != null) {
        types.put(pc.getEntityName(), r.value());
      }
    }
    LocalBindings.Builder b = LocalBindings.builder();
    for (PersistentClass pc : metadata.getEntityBindings()) {
      OsoResource r = resource(pc);
      if (r != null) {
        entity(b, pc, r.value(), types);
      }
    }
    return b;
  }

  private static @Nullable OsoResource resource(PersistentClass pc) {
    Class<?> c = pc.getMappedClass();
    return c == null ? null : c.getAnnotation(OsoResource.class);
  }

  private static void entity(
      LocalBindings.Builder b, PersistentClass pc, String type, Map<String, String> types) {
    String table = SqlDialect.checkIdentifier(pc.getTable().getName());
    String id = EntityIds.column(pc);
    b.sqlType(type, sqlType(pc.getIdentifierProperty().getType().getReturnedClass()));
    for (Property p : pc.getPropertyClosure()) {
      AnnotatedElement member = member(pc.getMappedClass(), p.getName());
      if (p.getValue() instanceof ToOne) {
        String target = types.get(((ToOne) p.getValue()).getReferencedEntityName());
        if (target != null) {
          OsoRelation named = member == null ? null : member.getAnnotation(OsoRelation.class);
          String col = column(p);
          b.fact(
              "has_relation("
                  + type
                  + ":_, String:"
                  + (named == null ? p.getName() : named.value())
                  + ", "
                  + target
                  + ":_)",
              "SELECT " + id + ", " + col + " FROM " + table + " WHERE " + col + " IS NOT NULL");
        }
      } else if (member != null && member.getAnnotation(OsoAttribute.class) != null) {
        attribute(b, type, table, id, p, member.getAnnotation(OsoAttribute.class).value());
      }
    }
  }

  private static void attribute(
      LocalBindings.Builder b, String type, String table, String id, Property p, String name) {
    Class<?> java = p.getType().getReturnedClass();
    String col = column(p);
    String base = name.isEmpty() ? snake(p.getName()) : name;
    if (java == Boolean.class || java == boolean.class) {
      b.fact(base + "(" + type + ":_)", "SELECT " + id + " FROM " + table + " WHERE " + col);
    } else {
      String valueType =
          Number.class.isAssignableFrom(java) || java == long.class || java == int.class
              ? "Integer"
              : "String";
      String predicate = name.isEmpty() ? "has_" + base : base;
      b.fact(
          predicate + "(" + type + ":_, " + valueType + ":_)",
          "SELECT " + id + ", " + col + " FROM " + table + " WHERE " + col + " IS NOT NULL");
    }
  }

  private static String column(Property p) {
    List<Column> columns = p.getColumns();
    if (columns.size() != 1) {
      throw new IllegalStateException(
          "attribute '" + p.getName() + "' maps to " + columns.size() + " columns, not one");
    }
    return SqlDialect.checkIdentifier(columns.get(0).getName());
  }

  private static @Nullable AnnotatedElement member(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    return null;
  }

  private static String snake(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static SqlType sqlType(Class<?> id) {
    if (id == Long.class || id == long.class) {
      return SqlType.BIGINT;
    }
    if (id == Integer.class || id == int.class) {
      return SqlType.INTEGER;
    }
    if (id == UUID.class) {
      return SqlType.UUID;
    }
    return SqlType.TEXT;
  }
}
