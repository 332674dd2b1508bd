/**
 * Runs the {@code test} blocks of a policy (polar.md §7), for policy loading and {@code oso test}.
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.testing;

import org.jspecify.annotations.NullMarked;
