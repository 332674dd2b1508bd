package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Fact;
import dev.osoj.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactsFileTest {
  @TempDir Path dir;

  @Test
  void parse_typedArguments_becomeValues() {
    List<FactsFile.Entry> entries =
        FactsFile.parse(
            "f.txt", "has_role User:alice owner Organization:acme\nlevel User:alice Integer:03\n");

    assertThat(entries)
        .containsExactly(
            new FactsFile.Entry(
                "f.txt",
                1,
                Fact.of(
                    "has_role",
                    new Value("User", "alice"),
                    Value.of("owner"),
                    new Value("Organization", "acme"))),
            new FactsFile.Entry(
                "f.txt", 2, Fact.of("level", new Value("User", "alice"), Value.of(3))));
  }

  @Test
  void parse_commentsAndBlankLines_areSkippedAndLinesCounted() {
    String text = "# people\n\n   \nis_public Repository:anvil Boolean:true  # yes\r\n";

    List<FactsFile.Entry> entries = FactsFile.parse("f.txt", text);

    assertThat(entries)
        .containsExactly(
            new FactsFile.Entry(
                "f.txt",
                4,
                Fact.of("is_public", new Value("Repository", "anvil"), Value.of(true))));
  }

  @Test
  void parse_quotedArgument_keepsSpacesHashesAndEscapes() {
    List<FactsFile.Entry> entries =
        FactsFile.parse("f.txt", "named \"Repository:my #1 repo\" \"say \\\"hi\\\"\"");

    assertThat(entries.get(0).fact().args())
        .containsExactly(new Value("Repository", "my #1 repo"), Value.of("say \"hi\""));
  }

  @Test
  void parse_idWithColons_splitsAtFirstColonOnly() {
    List<FactsFile.Entry> entries = FactsFile.parse("f.txt", "p Branch:acme/anvil:main");

    assertThat(entries.get(0).fact().args())
        .containsExactly(new Value("Branch", "acme/anvil:main"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "has-role User:a x R:r | f.txt:2: predicate 'has-role' is not a name",
        "has_role | f.txt:2: fact 'has_role' has no arguments",
        "level User:a Integer:three | f.txt:2: integer value id 'three'",
        "flag User:a Boolean:yes | f.txt:2: boolean value id 'yes'",
        "p User: | f.txt:2: value id must not be empty",
        "p :alice | f.txt:2: value type must not be empty",
        "p \"User:a | f.txt:2: quoted argument 'User:a' is not closed",
        "p ab\"c | f.txt:2: quote inside argument 'ab\"'",
      })
  void parse_badLine_namesFileAndLine(String line, String message) {
    assertThatThrownBy(() -> FactsFile.parse("f.txt", "# ok\n" + line + "\n"))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith(message)
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(ExitCodes.INPUT);
  }

  @Test
  void read_missingFile_saysSo() {
    Path missing = dir.resolve("missing.txt");

    assertThatThrownBy(() -> FactsFile.read(missing))
        .isInstanceOf(CliException.class)
        .hasMessage("oso: cannot read facts file '" + missing + "': no such file");
  }

  @Test
  void read_notUtf8_saysSo() throws IOException {
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, "p User:jos\u00e9".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> FactsFile.read(latin1))
        .isInstanceOf(CliException.class)
        .hasMessage("oso: cannot read facts file '" + latin1 + "': not valid UTF-8 text");
  }

  @Test
  void read_byteOrderMark_isDropped() throws IOException {
    Path file = dir.resolve("bom.txt");
    Files.writeString(file, "\uFEFFp User:a\n");

    assertThat(FactsFile.read(file))
        .containsExactly(
            new FactsFile.Entry(file.toString(), 1, Fact.of("p", new Value("User", "a"))));
  }
}
