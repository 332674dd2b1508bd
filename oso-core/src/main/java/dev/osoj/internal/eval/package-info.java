/**
 * The Polar evaluator.
 *
 * <p>Design: a {@link dev.osoj.internal.program.Program} is compiled once against a fact database
 * ({@link dev.osoj.internal.eval.CompiledProgram}): variables become frame slots, constants become
 * interned ints, every call is resolved statically to the rules whose heads can match it, rules are
 * grouped into strongly connected components, and each rule gets one join order per pattern of
 * bound head arguments (bound-first, stored facts before derived predicates, tests as soon as their
 * inputs are bound).
 *
 * <p>Questions are answered top-down and query-directed: only the facts reachable from the
 * question's bound arguments are read, through per-position indexes. Calls that cannot reach their
 * own rule run directly and stop at the first answer when fully bound (an {@code authorize} is an
 * existence check). Calls that may recurse are tabled per call site and argument pattern, with the
 * leader of each group of mutually dependent tables iterating until no table grows, which makes
 * recursion of any shape terminate on cyclic data. Tables live for one question only; nothing is
 * materialised between questions. Negation is negation as failure over a complete sub-question;
 * negating through recursion is rejected at compile time (the program is not stratified).
 *
 * <p>{@code authorize} has a fast path beside the solver ({@link
 * dev.osoj.internal.eval.CompiledProgram#authorizeFast}): per actor type, action and resource type,
 * {@code allow} is unfolded once into a tree of stored-fact lookups and type tests (non-recursive
 * rules only, no negation, comparisons or clock) and then run as index nested-loop joins over the
 * relations' arrays without frames or continuations. Questions it does not cover go to the solver.
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.eval;

import org.jspecify.annotations.NullMarked;
