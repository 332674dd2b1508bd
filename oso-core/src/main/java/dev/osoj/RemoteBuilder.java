package dev.osoj;

import static java.util.Objects.requireNonNull;

/** Configures a client of an Oso Cloud compatible HTTP server. */
public final class RemoteBuilder {
  private final String url;
  private final String apiKey;

  RemoteBuilder(String url, String apiKey) {
    this.url = requireNonNull(url, "url");
    this.apiKey = requireNonNull(apiKey, "apiKey");
  }

  /**
   * Builds the client.
   *
   * @return the client
   */
  public Oso build() {
    // TODO(#6): the HTTP client replaces this placeholder.
    throw new UnsupportedOperationException(
        "the HTTP client is not built yet for " + url + (apiKey.isEmpty() ? "" : ""));
  }
}
