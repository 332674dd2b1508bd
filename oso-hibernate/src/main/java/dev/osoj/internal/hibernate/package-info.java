/** Implementation of the Hibernate integration. Not API: may change in any release. */
@NullMarked
package dev.osoj.internal.hibernate;

import org.jspecify.annotations.NullMarked;
