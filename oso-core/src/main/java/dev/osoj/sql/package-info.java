/** Data filtering: authorization answers as SQL predicates. */
@NullMarked
package dev.osoj.sql;

import org.jspecify.annotations.NullMarked;
