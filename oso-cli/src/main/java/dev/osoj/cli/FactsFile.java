package dev.osoj.cli;

import dev.osoj.Fact;
import dev.osoj.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a facts file: one fact per line in the notation of the Oso command line, {@code has_role
 * User:alice owner Organization:acme}.
 *
 * <p>Each argument is {@code Type:id} ({@link Value#parse}); an argument without a colon is a
 * {@code String}. An argument holding spaces or a {@code #} is written in double quotes, {@code
 * "Repository:my repo"}, where {@code \"} and {@code \\} stand for a quote and a backslash. A
 * {@code #} outside quotes starts a comment; blank lines are ignored.
 */
final class FactsFile {
  private static final Pattern PREDICATE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * One fact with the place it was read from.
   *
   * @param file the file name as given
   * @param line the 1-based line number
   * @param fact the fact
   */
  record Entry(String file, int line, Fact fact) {
    /** Returns {@code file:line}, the prefix of messages about this fact. */
    String location() {
      return file + ":" + line;
    }
  }

  private FactsFile() {}

  /**
   * Reads and parses a facts file.
   *
   * @param file the file
   * @return the facts, in file order
   * @throws CliException if the file cannot be read or a line is not a fact; the message names
   *     {@code file:line}
   */
  static List<Entry> read(Path file) {
    return parse(file.toString(), TextFiles.read(file, "facts file"));
  }

  /**
   * Parses the text of a facts file.
   *
   * @param file the file name used in messages
   * @param text the text
   * @return the facts, in text order
   * @throws CliException if a line is not a fact
   */
  static List<Entry> parse(String file, String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      try {
        List<String> tokens = tokenize(lines[i]);
        if (!tokens.isEmpty()) {
          entries.add(new Entry(file, lineNumber, toFact(tokens)));
        }
      } catch (IllegalArgumentException e) {
        throw CliException.input(file + ":" + lineNumber + ": " + e.getMessage());
      }
    }
    return List.copyOf(entries);
  }

  /**
   * Parses one fact written on the command line.
   *
   * @param text the fact, such as {@code is_public Repository:anvil Boolean:true}
   * @return the fact
   * @throws IllegalArgumentException if the text is not exactly one fact
   */
  static Fact parseFact(String text) {
    List<String> tokens = tokenize(text);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("no fact given");
    }
    return toFact(tokens);
  }

  private static Fact toFact(List<String> tokens) {
    String predicate = tokens.get(0);
    if (!PREDICATE.matcher(predicate).matches()) {
      throw new IllegalArgumentException(
          "predicate '" + predicate + "' is not a name (letters, digits and '_')");
    }
    if (tokens.size() == 1) {
      throw new IllegalArgumentException("fact '" + predicate + "' has no arguments");
    }
    List<Value> args = new ArrayList<>();
    for (String token : tokens.subList(1, tokens.size())) {
      args.add(Value.parse(token));
    }
    return new Fact(predicate, args);
  }

  /** Splits a line into tokens, honouring double quotes and dropping a trailing comment. */
  static List<String> tokenize(String line) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        break;
      } else if (c == '"') {
        StringBuilder token = new StringBuilder();
        i = readQuoted(line, i + 1, token);
        tokens.add(token.toString());
      } else {
        int start = i;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          if (line.charAt(i) == '"') {
            throw new IllegalArgumentException(
                "quote inside argument '" + line.substring(start, i + 1) + "'; quote it whole");
          }
          i++;
        }
        tokens.add(line.substring(start, i));
      }
    }
    return tokens;
  }

  /** Reads a quoted token starting after its opening quote; returns the index after it. */
  private static int readQuoted(String line, int from, StringBuilder token) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        if (i + 1 < line.length() && !Character.isWhitespace(line.charAt(i + 1))) {
          throw new IllegalArgumentException(
              "quoted argument '" + token + "' must be followed by a space");
        }
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length()) {
        i++;
        c = line.charAt(i);
      }
      token.append(c);
      i++;
    }
    throw new IllegalArgumentException("quoted argument '" + token + "' is not closed");
  }
}
