package dev.osoj;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link Oso#listPaginated} answer.
 *
 * @param results the resource ids of this page
 * @param nextPageToken the opaque token for the next page, or null on the last page
 */
public record ListPage(List<String> results, @Nullable String nextPageToken) {
  /** Creates a page, copying the results. */
  public ListPage {
    results = List.copyOf(results);
  }
}
