/**
 * The compiled form of a policy: typed Datalog rules after resource blocks are rewritten, the type
 * hierarchy, block declarations, accepted fact signatures and test blocks. Everything downstream of
 * the front end (evaluator, planner, test runner, CLI) reads this, never the AST.
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.program;

import org.jspecify.annotations.NullMarked;
