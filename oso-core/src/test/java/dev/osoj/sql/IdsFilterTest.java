package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A filter made from a list of ids ({@link AuthorizedFilter#ofIds}, what a remote {@code Oso}
 * returns) selects exactly those rows on both databases, for text ids that look like SQL and for
 * typed id columns, in both rendered forms.
 */
class IdsFilterTest {
  static final List<String> HOSTILE =
      List.of("o'1", "50%", "a_b", "back\\slash", "x;DROP TABLE t", "\"q\"", "SELECT", "Ω✓");

  @Test
  void ofIds_wildcardIsAlways_emptyIsNever_duplicatesDropped() {
    AuthorizedFilter every = AuthorizedFilter.ofIds("Repo", List.of("a", "*"), Map.of());
    AuthorizedFilter none = AuthorizedFilter.ofIds("Repo", List.of(), Map.of());
    AuthorizedFilter some = AuthorizedFilter.ofIds("Repo", List.of("b", "a", "b"), Map.of());

    assertThat(every.kind()).isEqualTo(AuthorizedFilter.Kind.ALWAYS);
    assertThat(every.ids()).isEmpty();
    assertThat(none.kind()).isEqualTo(AuthorizedFilter.Kind.NEVER);
    assertThat(none.ids()).contains(List.of());
    assertThat(some.kind()).isEqualTo(AuthorizedFilter.Kind.CONDITIONAL);
    assertThat(some.ids()).contains(List.of("b", "a"));
  }

  @Test
  void ofIds_emptyId_isRefusedNamingTheType() {
    assertThatThrownBy(() -> AuthorizedFilter.ofIds("Repo", List.of("a", ""), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Repo");
  }

  @Test
  void ids_ofAPlan_isEmpty() {
    Plan scan =
        new Plan.Project(
            new Plan.Scan(new FactSource.FactTable("osoj_facts", "has_role", 3)),
            List.of(new Plan.Expr.Column(2)));
    Plan values = new Plan.Values(1, List.of(List.of(new Value("Repo", "a"))));
    AuthorizedFilter filter = AuthorizedFilter.of("Repo", scan, Map.of());
    AuthorizedFilter planned = AuthorizedFilter.of("Repo", values, Map.of());

    assertThat(filter.kind()).isEqualTo(AuthorizedFilter.Kind.CONDITIONAL);
    assertThat(filter.ids()).isEmpty();
    // a plan that happens to be constant is still a plan, not an answer made from ids
    assertThat(planned.ids()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void textIds_hostile_selectExactlyThoseRows(SqlDialect dialect) throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<String> all = new ArrayList<>(HOSTILE);
    all.add("other");
    all.add("o''1");
    table(ds, "VARCHAR(100)", all);

    AuthorizedFilter filter = AuthorizedFilter.ofIds("Repo", HOSTILE, Map.of());

    assertThat(rows(ds, filter, dialect)).isEqualTo(new TreeSet<>(HOSTILE));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void bigintIds_matchTheTypedColumn_andAnIdThatIsNoNumberMatchesNothing(SqlDialect dialect)
      throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    table(ds, "BIGINT", List.of("1", "2", "3", "40", "5"));

    AuthorizedFilter filter =
        AuthorizedFilter.ofIds(
            "Repo", List.of("40", "2", "4", "abc"), Map.of("Repo", SqlType.BIGINT));

    assertThat(rows(ds, filter, dialect)).containsExactlyInAnyOrder("2", "40");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void singleUuidId_matchesTheTypedColumn(SqlDialect dialect) throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    String wanted = "0b5f8a2e-4a5c-4c1b-9a55-1c0f6b0f3e11";
    table(ds, "UUID", List.of(wanted, "7d3c0e55-2b1a-4f0e-8d8a-5d9e1b2c3a44"));

    AuthorizedFilter filter =
        AuthorizedFilter.ofIds("Repo", List.of(wanted), Map.of("Repo", SqlType.UUID));

    assertThat(rows(ds, filter, dialect)).containsExactly(wanted);
  }

  private static void table(DataSource ds, String idType, List<String> ids) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE repos (id " + idType + " PRIMARY KEY, name VARCHAR(100))");
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO repos VALUES (CAST(? AS " + idType + "), ?)")) {
        for (String id : ids) {
          ps.setString(1, id);
          ps.setString(2, "n" + id);
          ps.executeUpdate();
        }
      }
    }
  }

  /** The rows selected by the column form, checked equal to those of the table-aware form. */
  private static TreeSet<String> rows(DataSource ds, AuthorizedFilter filter, SqlDialect dialect)
      throws Exception {
    SqlFragment byColumn = filter.toSql("r.id", dialect);
    SqlFragment byTable = filter.toSql(FilterTarget.of("repos", "r", "id"), dialect);
    TreeSet<String> out =
        GitClubLocalBindingsTest.query(
            ds,
            "SELECT CAST(r.id AS VARCHAR(100)) FROM repos r WHERE " + byColumn.sql(),
            byColumn.parameters());
    assertThat(
            GitClubLocalBindingsTest.query(
                ds,
                "SELECT CAST(r.id AS VARCHAR(100)) FROM repos r WHERE " + byTable.sql(),
                byTable.parameters()))
        .isEqualTo(out);
    return out;
  }
}
