/**
 * The SQL planner: turns a question with bound and open arguments into a {@link dev.osoj.sql.Plan}
 * by unfolding the program's rules (recursive ones into fixpoints), and the fact sources that tell
 * it where each predicate's tuples live.
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.plan;

import org.jspecify.annotations.NullMarked;
