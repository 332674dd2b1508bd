/**
 * The HTTP client behind {@link dev.osoj.Oso#remote} and the JSON wire format of the Oso Cloud API,
 * shared with the {@code oso serve} server.
 *
 * <p>Internal: not API. Anything here may change without notice.
 */
@NullMarked
package dev.osoj.internal.http;

import org.jspecify.annotations.NullMarked;
