/**
 * The Polar evaluator: compiles a {@link dev.osoj.internal.program.Program} against a fact database
 * into join plans and answers questions with tabled top-down evaluation.
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.eval;

import org.jspecify.annotations.NullMarked;
