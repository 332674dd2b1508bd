package dev.osoj.internal.hibernate;

import dev.osoj.sql.SqlDialect;
import java.util.List;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;

/** Reads the id column of a mapped entity. */
final class EntityIds {
  private EntityIds() {}

  /**
   * Returns the single id column of an entity, checked as an SQL identifier.
   *
   * @param entity the entity binding
   * @return the column name
   * @throws IllegalStateException if the id spans several columns
   */
  static String column(PersistentClass entity) {
    List<Column> columns = entity.getIdentifier().getColumns();
    if (columns.size() != 1) {
      throw new IllegalStateException(
          "oso resource entity '"
              + entity.getJpaEntityName()
              + "' needs a single-column id, not "
              + columns.size()
              + " columns");
    }
    return SqlDialect.checkIdentifier(columns.get(0).getName());
  }
}
