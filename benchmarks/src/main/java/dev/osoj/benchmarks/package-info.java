/** JMH benchmarks of the engine and the fact stores; not part of the library. */
@NullMarked
package dev.osoj.benchmarks;

import org.jspecify.annotations.NullMarked;
