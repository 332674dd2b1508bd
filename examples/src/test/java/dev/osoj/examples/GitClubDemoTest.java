package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the demo's main method and checks what it prints. */
class GitClubDemoTest {
  @Test
  void main_seededDatabase_printsTheAuthorizedAnswers() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      GitClubDemo.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("alice  read Repository -> [10, 11, 12, 21]")
        .contains("bob    read Repository -> [10, 12, 20, 21]")
        .contains("page 1 of 2: [anvil (10), docs (12)]")
        .contains("page 2 of 2: [secret (20), website (21)]")
        .contains("total: 4 repositories")
        .contains("secret   the secret leaked")
        .contains("website  website typo")
        .doesNotContain("anvil falls too slowly")
        .contains("bob   find(Repository, 11) -> null")
        .contains("carol close Issue -> [Issue[103 the secret leaked]]")
        .contains("alice delete Repository:10 -> true")
        .contains("bob   delete Repository:10 -> false")
        .contains("bob   read   Folder:1002 -> true")
        .contains("bob   actions on Repository:10 -> [read]");
  }
}
