/**
 * {@code oso serve}: the Oso Cloud HTTP API over the embedded engine, on the JDK's HTTP server.
 *
 * <p>Internal to the command line tool: not API.
 */
@NullMarked
package dev.osoj.cli.serve;

import org.jspecify.annotations.NullMarked;
