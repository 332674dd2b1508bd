/** Interfaces that fact stores and integrations implement. */
@NullMarked
package dev.osoj.spi;

import org.jspecify.annotations.NullMarked;
