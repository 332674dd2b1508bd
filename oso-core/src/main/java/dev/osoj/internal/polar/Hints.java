package dev.osoj.internal.polar;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * "Did you mean" suggestions for misspelt names, by edit distance.
 *
 * <p>A candidate is <em>close</em> to a name when their Damerau–Levenshtein distance (insertions,
 * deletions, substitutions, adjacent transpositions) is at most 1 for names of up to four
 * characters and at most 2 for longer ones, and less than half the shorter name's length, or when
 * they differ only in letter case. The length rules keep short, unrelated names apart: {@code Doc}
 * is not a misspelling of {@code Org}, nor {@code g} of {@code f}.
 */
final class Hints {
  private Hints() {}

  /**
   * Returns the closest candidate to a name, or null when none is close.
   *
   * @param name the name as written
   * @param candidates the names that would have been valid
   * @return the best candidate (the first of equal distance), or null
   */
  static @Nullable String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equals(name)) {
        continue;
      }
      int d = distance(name, candidate);
      if (candidate.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        d = 0;
      }
      boolean close = d <= threshold(name) && 2 * d < Math.min(name.length(), candidate.length());
      if (close && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * Returns {@code "; did you mean 'x'?"} for the closest candidate, or the empty string.
   *
   * @param name the name as written
   * @param candidates the valid names
   * @return the hint suffix
   */
  static String suffix(String name, Collection<String> candidates) {
    String best = closest(name, candidates);
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  private static int threshold(String name) {
    return name.length() <= 4 ? 1 : 2;
  }

  /** Optimal-string-alignment distance between two strings. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
