package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token kinds, texts and positions (polar.md §1). */
class LexerTest {

  private static Lexer lex(String text) {
    return new Lexer(new PolicySource("l.polar", text));
  }

  private static List<String> tokens(String text) {
    Lexer lexer = lex(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lexer.count(); i++) {
      out.add(lexer.kind(i) + (lexer.kind(i) == TokenKind.EOF ? "" : " " + lexer.text(i)));
    }
    return out;
  }

  @Test
  void lex_operatorsAndKeywords_haveTheirKinds() {
    assertThat(tokens("?= != <= >= < > = == := matches! matches in not and or if true false"))
        .containsExactly(
            "QUERY ?=",
            "NE !=",
            "LE <=",
            "GE >=",
            "LT <",
            "GT >",
            "EQ =",
            "EQEQ ==",
            "ASSIGN :=",
            "MATCHES_EXACT matches!",
            "MATCHES matches",
            "IN in",
            "NOT not",
            "AND and",
            "OR or",
            "IF if",
            "TRUE true",
            "FALSE false",
            "EOF");
  }

  @Test
  void lex_numbers_keepSignsAndSpotFloats() {
    assertThat(tokens("0 -7 +3 1.5 2e9 1.5e-3 x-1 1."))
        .containsExactly(
            "INTEGER 0",
            "INTEGER -7",
            "INTEGER +3",
            "FLOAT 1.5",
            "FLOAT 2e9",
            "FLOAT 1.5e-3",
            "IDENT x",
            "INTEGER -1",
            "INTEGER 1",
            "DOT .",
            "EOF");
  }

  @Test
  void lex_identifiers_acceptUnicodeSegmentsAndTrailingQuestionMark() {
    assertThat(tokens("Billing::Invoice ready? _ _user ünïcode @current_unix_time @flag"))
        .containsExactly(
            "IDENT Billing::Invoice",
            "IDENT ready?",
            "IDENT _",
            "IDENT _user",
            "IDENT ünïcode",
            "AT_NAME @current_unix_time",
            "AT_NAME @flag",
            "EOF");
  }

  @Test
  void lex_commentsAndStrings_hashInsideStringIsText() {
    assertThat(tokens("f(\"a # b\") # comment \"not a string\"\n;"))
        .containsExactly("IDENT f", "LPAREN (", "STRING \"a # b\"", "RPAREN )", "SEMI ;", "EOF");
  }

  @Test
  void lex_positions_countLinesAndCharactersWithCrLfAndTabs() {
    Lexer lexer = lex("a\r\n\tbc  d\n\n  \"é\" e");

    assertThat(lexer.span(0)).isEqualTo(new SourceSpan("l.polar", 1, 1));
    assertThat(lexer.span(1)).isEqualTo(new SourceSpan("l.polar", 2, 2));
    assertThat(lexer.span(2)).isEqualTo(new SourceSpan("l.polar", 2, 6));
    assertThat(lexer.span(3)).isEqualTo(new SourceSpan("l.polar", 4, 3));
    assertThat(lexer.span(4)).isEqualTo(new SourceSpan("l.polar", 4, 7));
    assertThat(lexer.diagnostics()).isEmpty();
  }

  @Test
  void lex_badCharacters_areReportedAndLexingContinues() {
    Lexer lexer = lex("a $ b \"open\nc");

    assertThat(lexer.diagnostics())
        .extracting(Object::toString)
        .containsExactly(
            "l.polar:1:3: unexpected character '$'",
            "l.polar:1:7: unterminated string '\"open': add the closing '\"' before the end of"
                + " the line");
    assertThat(tokens("a $ b \"open\nc"))
        .containsExactly("IDENT a", "ERROR $", "IDENT b", "ERROR \"open", "IDENT c", "EOF");
  }
}
