/**
 * Authorized-row conditions for jOOQ: {@link dev.osoj.jooq.OsoJooq#authorized} turns an Oso policy
 * question into an {@link org.jooq.Condition}, and {@link dev.osoj.jooq.JooqBindings} derives local
 * bindings from jOOQ table metadata.
 */
@NullMarked
package dev.osoj.jooq;

import org.jspecify.annotations.NullMarked;
