package dev.osoj.internal.hibernate;

import dev.osoj.sql.SqlDialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;

/** Maps Hibernate dialects to the dialects the Oso SQL renderer writes. */
final class Dialects {
  private Dialects() {}

  /**
   * Returns the Oso dialect for a Hibernate dialect.
   *
   * @param dialect the Hibernate dialect
   * @return the Oso dialect
   * @throws IllegalStateException naming the dialect if Oso cannot render SQL for it
   */
  static SqlDialect of(Dialect dialect) {
    if (dialect instanceof H2Dialect) {
      return SqlDialect.H2;
    }
    if (dialect instanceof PostgreSQLDialect) {
      return SqlDialect.POSTGRES;
    }
    throw new IllegalStateException(
        "oso authorization filters support the H2 and PostgreSQL dialects, not '"
            + dialect.getClass().getName()
            + "'");
  }
}
