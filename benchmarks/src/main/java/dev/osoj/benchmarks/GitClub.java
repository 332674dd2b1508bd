package dev.osoj.benchmarks;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A GitClub data set from a fixed seed: organizations own repositories, repositories hold issues;
 * users have organization roles, repository roles, and create issues. The same data is also kept in
 * plain maps for the hand-written Java check.
 */
public final class GitClub {
  static final String[] REPO_ROLES = {"reader", "triager", "maintainer", "admin"};
  static final String[] REPO_ACTIONS = {"read", "push", "create_issue", "close_issue", "delete"};
  static final String[] ISSUE_ACTIONS = {"read", "comment", "close"};

  final int orgs;
  final int reposPerOrg;
  final int users;
  final int issuesPerRepo;
  final List<Fact> facts = new ArrayList<>();

  // the same data as maps, for the hand-written check
  final Map<String, Map<String, String>> orgRoles = new HashMap<>();
  final Map<String, Map<String, Integer>> repoRoles = new HashMap<>();
  final Map<String, String> repoOrg = new HashMap<>();
  final Map<String, String> issueRepo = new HashMap<>();
  final Map<String, String> issueCreator = new HashMap<>();
  final Set<String> siteAdmins = new HashSet<>();

  /**
   * Generates the data set.
   *
   * @param orgs the number of organizations
   * @param reposPerOrg repositories per organization
   * @param users the number of users
   * @param issuesPerRepo issues per repository
   * @param seed the random seed
   */
  public GitClub(int orgs, int reposPerOrg, int users, int issuesPerRepo, long seed) {
    this.orgs = orgs;
    this.reposPerOrg = reposPerOrg;
    this.users = users;
    this.issuesPerRepo = issuesPerRepo;
    Random random = new Random(seed);
    generateRepos(random);
    generateRoles(random);
  }

  /** About one million facts: 1,000 orgs, 20 repos each, 50,000 users, 25 issues per repo. */
  public static GitClub million() {
    return new GitClub(1000, 20, 50_000, 25, 42);
  }

  static Value user(int i) {
    return new Value("User", "u" + i);
  }

  static Value org(int i) {
    return new Value("Organization", "o" + i);
  }

  static Value repo(int org, int r) {
    return new Value("Repository", "o" + org + "-r" + r);
  }

  static Value issue(Value repo, int i) {
    return new Value("Issue", repo.id() + "-i" + i);
  }

  private void generateRepos(Random random) {
    for (int o = 0; o < orgs; o++) {
      for (int r = 0; r < reposPerOrg; r++) {
        Value repo = repo(o, r);
        facts.add(Fact.of("has_relation", repo, Value.of("organization"), org(o)));
        repoOrg.put(repo.id(), org(o).id());
        for (int i = 0; i < issuesPerRepo; i++) {
          Value issue = issue(repo, i);
          facts.add(Fact.of("has_relation", issue, Value.of("repository"), repo));
          issueRepo.put(issue.id(), repo.id());
          if (i % 3 == 0) {
            Value creator = user(random.nextInt(users));
            facts.add(Fact.of("has_relation", issue, Value.of("creator"), creator));
            issueCreator.put(issue.id(), creator.id());
          }
        }
      }
    }
  }

  private void generateRoles(Random random) {
    for (int u = 0; u < users; u++) {
      Value user = user(u);
      int memberships = 1 + random.nextInt(2);
      for (int m = 0; m < memberships; m++) {
        int o = random.nextInt(orgs);
        String role = random.nextInt(10) == 0 ? "admin" : "member";
        facts.add(Fact.of("has_role", user, Value.of(role), org(o)));
        orgRoles
            .computeIfAbsent(user.id(), k -> new HashMap<>())
            .merge(org(o).id(), role, GitClub::stronger);
      }
      for (int k = 0; k < 5; k++) {
        Value repo = repo(random.nextInt(orgs), random.nextInt(reposPerOrg));
        int rank = random.nextInt(REPO_ROLES.length);
        facts.add(Fact.of("has_role", user, Value.of(REPO_ROLES[rank]), repo));
        repoRoles
            .computeIfAbsent(user.id(), x -> new HashMap<>())
            .merge(repo.id(), rank, Math::max);
      }
    }
    facts.add(Fact.of("has_role", user(0), Value.of("site_admin")));
    siteAdmins.add(user(0).id());
  }

  private static String stronger(String a, String b) {
    return a.equals("admin") || b.equals("admin") ? "admin" : "member";
  }

  /**
   * Returns the benchmark policy text.
   *
   * @return the Polar source
   */
  public static String policy() {
    try (InputStream in = GitClub.class.getResourceAsStream("/gitclub-bench.polar")) {
      if (in == null) {
        throw new IllegalStateException("missing resource gitclub-bench.polar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads the facts into an Oso instance in batches.
   *
   * @param oso the instance
   */
  public void load(Oso oso) {
    int batch = 10_000;
    for (int from = 0; from < facts.size(); from += batch) {
      List<Fact> slice = facts.subList(from, Math.min(facts.size(), from + batch));
      oso.batch(tx -> slice.forEach(tx::insert));
    }
  }

  // ---- the hand-written check over plain maps ----

  /** Returns the repository role rank of a user (-1 none), from direct and organization roles. */
  int repoRank(String user, String repo) {
    int rank = -1;
    Map<String, Integer> direct = repoRoles.get(user);
    if (direct != null) {
      rank = direct.getOrDefault(repo, -1);
    }
    String orgRole = orgRole(user, repoOrg.get(repo));
    if ("admin".equals(orgRole)) {
      return 3;
    }
    return "member".equals(orgRole) ? Math.max(rank, 0) : rank;
  }

  private String orgRole(String user, String org) {
    if (siteAdmins.contains(user)) {
      return "admin";
    }
    Map<String, String> roles = orgRoles.get(user);
    return roles == null ? null : roles.get(org);
  }

  /** The same decision as the policy, written by hand. */
  boolean javaAllow(String user, String action, Value resource) {
    if (resource.type().equals("Repository")) {
      return repoAllows(repoRank(user, resource.id()), action);
    }
    String repo = issueRepo.get(resource.id());
    if (repo == null) {
      return false;
    }
    int rank = repoRank(user, repo);
    switch (action) {
      case "read":
      case "comment":
        return rank >= 0;
      case "close":
        return user.equals(issueCreator.get(resource.id())) || rank >= 1;
      default:
        return false;
    }
  }

  private static boolean repoAllows(int rank, String action) {
    switch (action) {
      case "read":
      case "create_issue":
        return rank >= 0;
      case "close_issue":
        return rank >= 1;
      case "push":
        return rank >= 2;
      case "delete":
        return rank >= 3;
      default:
        return false;
    }
  }
}
