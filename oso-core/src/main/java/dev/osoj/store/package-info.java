/**
 * Fact stores shipped with the library. {@link dev.osoj.store.MemoryFactStore} keeps facts in the
 * JVM's heap and is the default store of {@link dev.osoj.Oso#embedded()}.
 */
@NullMarked
package dev.osoj.store;

import org.jspecify.annotations.NullMarked;
