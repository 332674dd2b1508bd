package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random GitClub data read through local bindings, each binding either inlined (as written) or kept
 * a derived table (the same query with {@code DISTINCT}, which the recognizer refuses): the column
 * and table-aware filters must select exactly the evaluator's answer, on H2 and PostgreSQL, with no
 * duplicated rows.
 */
class LocalBindingsShapesPropertyTest {
  private static final FilterTarget REPOS = FilterTarget.of("repositories", "r", "id");
  private static final List<String> QUERIES =
      List.of(
          "SELECT user_id, role, org_id FROM org_roles",
          "SELECT user_id, role, repo_id FROM repo_roles",
          "SELECT user_id, role, folder_id FROM folder_roles",
          "SELECT id, org_id FROM repositories",
          "SELECT id, folder_id FROM repositories",
          "SELECT id, parent_id FROM folders",
          "SELECT id, repo_id FROM issues",
          "SELECT id FROM repositories WHERE is_public",
          "SELECT id FROM repositories WHERE archived");

  @Property(tries = 6)
  void randomData_onH2_bothFormsAgreeWithEvaluator(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 511) int derivedMask) throws Exception {
    check(SqlDialect.H2, seed, derivedMask);
  }

  @Property(tries = 6)
  void randomData_onPostgres_bothFormsAgreeWithEvaluator(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 511) int derivedMask) throws Exception {
    check(SqlDialect.POSTGRES, seed, derivedMask);
  }

  private static void check(SqlDialect dialect, long seed, int derivedMask) throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<Fact> facts = GitClubLocalBindingsTest.populate(ds, seed);
    String yaml = GitClubLocalBindingsTest.text("gitclub-bindings.yaml");
    for (int i = 0; i < QUERIES.size(); i++) {
      if ((derivedMask & (1 << i)) != 0) {
        yaml = yaml.replace(QUERIES.get(i), QUERIES.get(i).replace("SELECT ", "SELECT DISTINCT "));
      }
    }
    LocalBindings bindings = LocalBindings.fromYaml(yaml);
    String policy = GitClubLocalBindingsTest.text("gitclub.polar");
    try (Oso local =
            Oso.embedded().policy(policy).localBindings(bindings).sqlDialect(dialect).build();
        Oso memory = Oso.embedded().policy(policy).build()) {
      facts.forEach(memory::insert);
      Value user = GitClubLocalBindingsTest.v("User", 1 + (int) Math.floorMod(seed, 4L));
      for (String action : GitClubLocalBindingsTest.ACTIONS) {
        TreeSet<String> expected = new TreeSet<>(memory.list(user, action, "Repository"));
        AuthorizedFilter filter = local.listFilter(user, action, "Repository");
        for (SqlFragment where :
            List.of(filter.toSql("r.id", dialect), filter.toSql(REPOS, dialect))) {
          assertThat(
                  GitClubLocalBindingsTest.query(
                      ds,
                      "SELECT r.id FROM repositories r JOIN organizations o ON o.id = r.org_id WHERE "
                          + where.sql()
                          + " ORDER BY r.name, r.id",
                      where.parameters()))
              .as("%s %s mask %s: %s", user, action, derivedMask, where.sql())
              .isEqualTo(expected);
        }
      }
    }
  }
}
