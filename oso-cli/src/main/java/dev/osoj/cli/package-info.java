/**
 * The {@code oso} command: validate and test Polar policies, and ask authorization questions of a
 * policy and a facts file from the shell.
 *
 * <p>Not API: the classes here serve the command line and may change in any release; the command
 * names, options, output and exit codes are what users rely on.
 */
@NullMarked
package dev.osoj.cli;

import org.jspecify.annotations.NullMarked;
