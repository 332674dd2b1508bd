/**
 * The syntax tree of Polar policies as written, produced by {@link dev.osoj.internal.polar.Parser}
 * and consumed by the rewriter/checker. Every node is a record carrying a {@link
 * dev.osoj.SourceSpan}; alternatives are sealed interfaces so consumers dispatch with {@code
 * instanceof} and end in {@code AssertionError}.
 *
 * <p>The tree is deliberately permissive where the grammar would be strict but a clearer checker
 * error is possible: a block declaration is a key plus a generic value (string list or map), so
 * {@code relations = ["parent"]} or {@code actions = [...]} reach the checker as {@code
 * BadDeclaration} candidates. Rule flags, {@code type} statements and {@code ?=} inline queries are
 * kept in the tree; rejecting them is the checker's job.
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.polar.ast;

import org.jspecify.annotations.NullMarked;
