package dev.osoj;

import static java.util.Objects.requireNonNull;

import dev.osoj.internal.http.HttpOso;
import dev.osoj.internal.http.RemoteSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Configures a client of an Oso Cloud compatible HTTP server (Oso Cloud, Oso's Dev Server, or
 * {@code oso serve}).
 *
 * <pre>{@code
 * try (Oso oso = Oso.remote("http://localhost:8080", apiKey)
 *     .readTimeout(Duration.ofSeconds(2))
 *     .fallbackUrl("http://fallback:8080")
 *     .build()) {
 *   boolean ok = oso.authorize(alice, "read", repo);
 * }
 * }</pre>
 *
 * <p>Defaults: connect timeout 10 s, read and write timeouts 30 s, 2 retries on network errors, 429
 * and 5xx with jittered exponential backoff from 10 ms up to 1 s, {@code Retry-After} honoured up
 * to 30 s, at most 20 idle pooled connections.
 *
 * <p>Limitations: the remote client's {@link Oso#listFilter} is the server's {@code list} answer as
 * a fixed list of ids (one bound parameter per id), not a plan over the application's tables;
 * errors the server reports come back as {@link OsoClientException}, not as the policy or fact
 * exceptions of the embedded engine.
 */
public final class RemoteBuilder {
  private final String url;
  private final String apiKey;
  private @Nullable String fallbackUrl;
  private @Nullable Duration connectTimeout;
  private @Nullable Duration readTimeout;
  private @Nullable Duration writeTimeout;
  private @Nullable Integer maxRetries;
  private @Nullable Duration initialBackoff;
  private @Nullable Duration maxBackoff;
  private @Nullable String userAgent;
  private @Nullable String dataBindings;
  private @Nullable Integer maxIdleConnections;

  RemoteBuilder(String url, String apiKey) {
    this.url = requireNonNull(url, "url");
    this.apiKey = requireNonNull(apiKey, "apiKey");
  }

  /**
   * Sets the base URL of a fallback node, asked once when a read endpoint fails on the primary
   * server with a network error, 400 or 5xx. Writes never go to the fallback.
   *
   * @param url the fallback's base URL
   * @return this builder
   */
  public RemoteBuilder fallbackUrl(String url) {
    this.fallbackUrl = requireNonNull(url, "url");
    return this;
  }

  /**
   * Sets how long to wait for a connection.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public RemoteBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Sets how long to wait for each read from the server.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public RemoteBuilder readTimeout(Duration timeout) {
    this.readTimeout = requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Sets how long to wait for each write to the server.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public RemoteBuilder writeTimeout(Duration timeout) {
    this.writeTimeout = requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Sets how many times a failed call is retried (0 to 10).
   *
   * @param retries the number of retries after the first attempt
   * @return this builder
   */
  public RemoteBuilder maxRetries(int retries) {
    this.maxRetries = retries;
    return this;
  }

  /**
   * Sets the backoff between retries: {@code initial} before the first, doubling up to {@code max};
   * each wait is jittered between half and all of its step.
   *
   * @param initial the first step
   * @param max the largest step
   * @return this builder
   */
  public RemoteBuilder retryBackoff(Duration initial, Duration max) {
    this.initialBackoff = requireNonNull(initial, "initial");
    this.maxBackoff = requireNonNull(max, "max");
    return this;
  }

  /**
   * Replaces the {@code User-Agent} header.
   *
   * @param userAgent the header value
   * @return this builder
   */
  public RemoteBuilder userAgent(String userAgent) {
    this.userAgent = requireNonNull(userAgent, "userAgent");
    return this;
  }

  /**
   * Sets the local-authorization bindings (Oso Cloud's YAML format), read now and sent with every
   * local call. Their {@code sql_types} also give the id columns' types to {@link Oso#listFilter}.
   *
   * @param path the YAML file
   * @return this builder
   * @throws UncheckedIOException if the file cannot be read
   */
  public RemoteBuilder dataBindings(Path path) {
    requireNonNull(path, "path");
    try {
      this.dataBindings = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data bindings '" + path + "'", e);
    }
    return this;
  }

  /**
   * Sets the local-authorization bindings from text.
   *
   * @param yaml the YAML text
   * @return this builder
   */
  public RemoteBuilder dataBindingsText(String yaml) {
    this.dataBindings = requireNonNull(yaml, "yaml");
    return this;
  }

  /**
   * Sets how many idle connections the pool keeps.
   *
   * @param max at least 1
   * @return this builder
   */
  public RemoteBuilder maxIdleConnections(int max) {
    this.maxIdleConnections = max;
    return this;
  }

  /**
   * Validates the settings and builds the client. The URL must be http or https; trailing slashes
   * are removed.
   *
   * @return the client; close it to release its connections
   * @throws IllegalArgumentException if a setting is invalid
   */
  public Oso build() {
    RemoteSettings d = RemoteSettings.defaults(url, apiKey);
    return new HttpOso(
        new RemoteSettings(
            d.url(),
            d.apiKey(),
            fallbackUrl,
            orElse(connectTimeout, d.connectTimeout()),
            orElse(readTimeout, d.readTimeout()),
            orElse(writeTimeout, d.writeTimeout()),
            orElse(maxRetries, d.maxRetries()),
            orElse(initialBackoff, d.initialBackoff()),
            orElse(maxBackoff, d.maxBackoff()),
            d.maxRetryAfter(),
            orElse(userAgent, d.userAgent()),
            dataBindings,
            orElse(maxIdleConnections, d.maxIdleConnections()),
            d.random(),
            d.sleeper()));
  }

  private static <T> T orElse(@Nullable T value, T otherwise) {
    return value == null ? otherwise : value;
  }

  @Override
  public String toString() {
    return "RemoteBuilder[url=" + url + ", apiKey=" + RemoteSettings.mask(apiKey) + "]";
  }
}
