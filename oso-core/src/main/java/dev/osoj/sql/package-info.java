/**
 * Data filtering: authorization answers as SQL predicates.
 *
 * <p>{@link dev.osoj.sql.Plan} is the relational form of an answer, built by the planner from the
 * policy and the {@link dev.osoj.sql.FactSource}s (the managed fact table, {@link
 * dev.osoj.sql.LocalBindings}, bound values); {@link dev.osoj.sql.SqlRenderer} writes it for a
 * {@link dev.osoj.sql.SqlDialect}; {@link dev.osoj.sql.AuthorizedFilter} is what {@code
 * Oso.listFilter} returns and what the jOOQ and Hibernate integrations consume.
 */
@NullMarked
package dev.osoj.sql;

import org.jspecify.annotations.NullMarked;
