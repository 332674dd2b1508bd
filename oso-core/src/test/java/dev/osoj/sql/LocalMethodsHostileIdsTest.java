package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Oso-compatible local methods inline literals: hostile ids held in memory must survive the
 * round trip through SQL text on both databases, and the literal writer refuses what it cannot
 * write safely.
 */
class LocalMethodsHostileIdsTest {
  static final List<String> IDS =
      List.of("o'1", "50%", "a_b", "back\\slash", "\\'", "x;DROP TABLE t", "\"q\"", "SELECT", "Ω✓");

  static final String POLICY =
      "actor User {}\n"
          + "resource Org {\n  roles = [\"member\"];\n  permissions = [\"read\"];\n"
          + "  \"read\" if \"member\";\n}\n";

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void listLocal_hostileIds_selectExactlyTheAuthorizedRows(SqlDialect dialect) throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orgs (id VARCHAR(100) PRIMARY KEY)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO orgs VALUES (?)")) {
        for (String id : IDS) {
          ps.setString(1, id);
          ps.executeUpdate();
        }
        ps.setString(1, "other");
        ps.executeUpdate();
      }
    }
    try (Oso oso = Oso.embedded().policy(POLICY).sqlDialect(dialect).build()) {
      Value user = new Value("User", "it's me\\");
      for (String id : IDS) {
        oso.insert(Fact.of("has_role", user, Value.of("member"), new Value("Org", id)));
      }

      String where = oso.listLocal(user, "read", "Org", "t.id", List.of());
      TreeSet<String> rows =
          GitClubLocalBindingsTest.query(ds, "SELECT t.id FROM orgs t WHERE " + where, List.of());
      String allowed = oso.authorizeLocal(user, "read", new Value("Org", "o'1"), List.of());
      String denied = oso.authorizeLocal(user, "read", new Value("Org", "other"), List.of());

      assertThat(rows).isEqualTo(new TreeSet<>(IDS));
      assertThat(GitClubLocalBindingsTest.bool(ds, allowed)).isTrue();
      assertThat(GitClubLocalBindingsTest.bool(ds, denied)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void literal_nulOrLoneSurrogate_isRefused(SqlDialect dialect) {
    assertThatThrownBy(() -> SqlLiterals.literal("a\u0000b", dialect))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> SqlLiterals.literal("a\uD800", dialect))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void literal_quotesAndBackslashes_areEscapedForTheDialect(SqlDialect dialect) {
    String expected = dialect == SqlDialect.POSTGRES ? "E'it''s \\\\'" : "'it''s \\'";

    assertThat(SqlLiterals.literal("it's \\", dialect)).isEqualTo(expected);
    assertThat(SqlLiterals.literal(-42L, dialect)).isEqualTo("-42");
    assertThat(SqlLiterals.literal(Boolean.TRUE, dialect)).isEqualTo("TRUE");
  }
}
