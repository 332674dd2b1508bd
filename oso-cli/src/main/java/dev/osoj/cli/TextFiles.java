package dev.osoj.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the UTF-8 text files the command is given, turning every failure into a clear message. A
 * leading byte order mark is dropped.
 */
final class TextFiles {
  private TextFiles() {}

  /**
   * Reads a whole file as UTF-8.
   *
   * @param file the file
   * @param kind what the file is, for the message ({@code policy file}, {@code facts file})
   * @return the text
   * @throws CliException (exit code 2) if the file is missing, unreadable, a directory or not UTF-8
   */
  static String read(Path file, String kind) {
    String prefix = "oso: cannot read " + kind + " '" + file + "': ";
    if (Files.isDirectory(file)) {
      throw CliException.input(prefix + "it is a directory");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CliException.input(prefix + "no such file");
    } catch (AccessDeniedException e) {
      throw CliException.input(prefix + "permission denied");
    } catch (IOException e) {
      throw CliException.input(prefix + e.getMessage());
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw CliException.input(prefix + "not valid UTF-8 text");
    }
  }
}
