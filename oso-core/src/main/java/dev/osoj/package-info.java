/**
 * Oso for Java: the Oso Cloud authorization model on the JVM.
 *
 * <p>Start with {@link dev.osoj.Oso}. Values ({@link dev.osoj.Value}, {@link dev.osoj.Fact}, {@link
 * dev.osoj.FactPattern}, {@link dev.osoj.TypedVar}) are immutable records; every error the library
 * raises is an {@link dev.osoj.OsoException}.
 */
@NullMarked
package dev.osoj;

import org.jspecify.annotations.NullMarked;
