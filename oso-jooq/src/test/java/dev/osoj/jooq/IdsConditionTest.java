package dev.osoj.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.SqlType;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A filter made from a list of ids (what a remote {@code Oso} returns) becomes {@code id IN (?, …)}
 * with each id bound as the column's own type, whatever the filter's {@code sql_types} say: text
 * ids that look like SQL select exactly their rows, and on a {@code BIGINT} column an id that is no
 * number matches nothing instead of failing the query.
 */
class IdsConditionTest {
  static final List<String> HOSTILE =
      List.of("o'1", "50%", "a_b", "back\\slash", "x;DROP TABLE t", "\"q\"", "SELECT", "Ω✓");

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.class)
  void textIds_hostile_selectExactlyThoseRows(Databases db) {
    DSLContext ctx = DSL.using(db.fresh(), db.dialect());
    Table<?> repos = DSL.table(DSL.name("repos"));
    Field<String> id = DSL.field(DSL.name("repos", "id"), SQLDataType.VARCHAR(100));
    ctx.createTable(repos).column(DSL.name("id"), SQLDataType.VARCHAR(100)).execute();
    for (String value : HOSTILE) {
      ctx.insertInto(repos).columns(DSL.field(DSL.name("id"))).values(value).execute();
    }
    ctx.insertInto(repos).columns(DSL.field(DSL.name("id"))).values("o''1").execute();
    AuthorizedFilter filter = AuthorizedFilter.ofIds("Repo", HOSTILE, Map.of());

    List<String> rows = ctx.select(id).from(repos).where(OsoJooq.condition(filter, id)).fetch(id);

    assertThat(rows).containsExactlyInAnyOrderElementsOf(HOSTILE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.class)
  void bigintKeyColumn_textTypedFilter_bindsNumbersAndSkipsTheRest(Databases db) {
    DSLContext ctx = DSL.using(db.fresh(), db.dialect());
    ctx.execute(
        "CREATE TABLE repositories (id BIGINT PRIMARY KEY, org_id BIGINT, name VARCHAR(50))");
    for (long value : List.of(2L, 7L, 40L, 400L)) {
      ctx.execute("INSERT INTO repositories VALUES (?, 1, ?)", value, "r" + value);
    }
    // a keyed column of a table jOOQ can name, and no sql_types: the filter calls the ids text,
    // the column says BIGINT, and the column wins
    TableAwareConditionTest.Repos repos = new TableAwareConditionTest.Repos(DSL::unquotedName);
    AuthorizedFilter filter = AuthorizedFilter.ofIds("Repo", List.of("40", "abc", "7"), Map.of());
    Condition condition = OsoJooq.condition(filter, repos.id);

    List<Long> rows =
        ctx.select(repos.id).from(repos).where(condition).orderBy(repos.id).fetch(repos.id);

    assertThat(filter.sqlType("Repo")).isEqualTo(SqlType.TEXT);
    assertThat(rows).containsExactly(7L, 40L);
    assertThat(ctx.renderInlined(condition)).isEqualToIgnoringCase("repositories.id in (40, 7)");
  }
}
