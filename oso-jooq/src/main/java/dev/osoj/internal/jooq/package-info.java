/** Implementation of the jOOQ integration. Not API: may change in any release. */
@NullMarked
package dev.osoj.internal.jooq;

import org.jspecify.annotations.NullMarked;
