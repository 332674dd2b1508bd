/**
 * The in-memory fact database behind {@link dev.osoj.store.MemoryFactStore}: values interned to
 * ints, one relation per predicate with a hash index on every argument position, and a read-write
 * lock that gives each question a consistent view.
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.store;

import org.jspecify.annotations.NullMarked;
