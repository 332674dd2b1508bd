package dev.osoj.cli;

import picocli.CommandLine.Option;

/** The {@code -h/--help} option of every verb (the version option belongs to {@code oso}). */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;
}
