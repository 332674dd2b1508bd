/**
 * Test-only entities over the GitClub tables with fetch plans the demo model does not use (eager
 * to-one, one-to-many), to pin down where the Hibernate authorization filters apply.
 */
@NullMarked
package dev.osoj.examples.fetch;

import org.jspecify.annotations.NullMarked;
