/**
 * The Polar front end's syntax layer: {@link dev.osoj.internal.polar.Lexer}, {@link
 * dev.osoj.internal.polar.Parser} (text to {@link dev.osoj.internal.polar.ast.PolicyFile}) and
 * {@link dev.osoj.internal.polar.PolarPrinter} (tree back to text).
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.polar;

import org.jspecify.annotations.NullMarked;
