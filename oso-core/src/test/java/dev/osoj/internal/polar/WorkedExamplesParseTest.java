package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.internal.polar.ast.AstNodes;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.PolicyFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every policy of polar.md §4, §7 and §8 parses, and printing it gives the same tree back. */
class WorkedExamplesParseTest {

  static final List<String> EXAMPLES =
      List.of(
          "policy-A",
          "policy-B",
          "policy-C",
          "policy-D",
          "policy-E",
          "policy-F",
          "policy-F-extra",
          "policy-G",
          "policy-H",
          "policy-I",
          "policy-J",
          "policy-K",
          "policy-L",
          "policy-M",
          "policy-tests",
          "section-4.3-1",
          "section-4.3-2",
          "section-4.4-3",
          "section-4.4-4",
          "section-4.5-5",
          "section-4.5-6",
          "section-4.6-8",
          "section-7.1-9");

  static Stream<String> examples() {
    return EXAMPLES.stream();
  }

  static String load(String name) {
    String path = "examples/" + name + ".polar";
    try (InputStream in = WorkedExamplesParseTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource '" + path + "'");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void parse_workedExample_succeedsAndRoundTrips(String name) {
    PolicyFile file = Parser.parse(new PolicySource(name + ".polar", load(name)));

    assertThat(file.items()).isNotEmpty();
    String printed = PolarPrinter.print(file);
    PolicyFile reparsed = Parser.parse(new PolicySource(name + ".polar", printed));
    assertThat(AstNodes.withoutSpans(reparsed)).isEqualTo(AstNodes.withoutSpans(file));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void parse_workedExample_itemsStartWhereWritten(String name) {
    String text = load(name);
    PolicyFile file = Parser.parse(new PolicySource(name + ".polar", text));
    String[] lines = text.split("\n", -1);

    for (Item item : file.items()) {
      String line = lines[item.span().line() - 1];
      String rest = line.substring(item.span().column() - 1);
      assertThat(rest).as("item at %s", item.span()).doesNotStartWith(" ").isNotEmpty();
      assertThat(line.substring(0, item.span().column() - 1)).isBlank();
    }
  }
}
