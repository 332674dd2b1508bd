/**
 * The embedded {@link dev.osoj.Oso}: policy lifecycle, fact validation and the two seams through
 * which other parts plug in, {@link dev.osoj.internal.embedded.QuestionEngine} (who answers
 * questions) and {@link dev.osoj.internal.embedded.LocalSql} (who writes SQL).
 *
 * <p>Not API: this package may change in any release.
 */
@NullMarked
package dev.osoj.internal.embedded;

import org.jspecify.annotations.NullMarked;
