package dev.osoj.internal.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Everything an {@link HttpOso} needs, validated.
 *
 * @param url base URL, http or https, without trailing slash
 * @param apiKey the bearer token, trimmed
 * @param fallbackUrl base URL of a fallback node for read endpoints, or null
 * @param connectTimeout connect timeout
 * @param readTimeout socket read timeout
 * @param writeTimeout socket write timeout
 * @param maxRetries retries after the first attempt, for network errors, 429 and 5xx
 * @param initialBackoff backoff before the first retry, doubled each time, jittered
 * @param maxBackoff the largest backoff
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one is not retried
 * @param userAgent the {@code User-Agent} header
 * @param dataBindings the text of the local-authorization YAML, or null
 * @param maxIdleConnections connections kept alive in the pool
 * @param random jitter source
 * @param sleeper waits between retries
 */
public record RemoteSettings(
    String url,
    String apiKey,
    @Nullable String fallbackUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    String userAgent,
    @Nullable String dataBindings,
    int maxIdleConnections,
    Random random,
    Sleeper sleeper) {

  /** The version this library reports in its {@code User-Agent}. */
  public static final String LIBRARY_VERSION = "0.1.0";

  /** Validates and normalises the settings. */
  public RemoteSettings {
    url = normaliseUrl(url, "url");
    fallbackUrl = fallbackUrl == null ? null : normaliseUrl(fallbackUrl, "fallback url");
    apiKey = requireNonNull(apiKey, "apiKey").trim();
    if (apiKey.isEmpty()) {
      throw new IllegalArgumentException("api key must not be empty");
    }
    requirePositive(connectTimeout, "connect timeout");
    requirePositive(readTimeout, "read timeout");
    requirePositive(writeTimeout, "write timeout");
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("max retries '" + maxRetries + "' is not in 0..10");
    }
    if (maxIdleConnections < 1) {
      throw new IllegalArgumentException(
          "max idle connections '" + maxIdleConnections + "' must be at least 1");
    }
    requireNonNull(userAgent, "userAgent");
    requireNonNull(random, "random");
    requireNonNull(sleeper, "sleeper");
  }

  /**
   * Returns settings with the defaults: 10 s connect, 30 s read and write, 2 retries from 10 ms
   * doubling to at most 1 s, {@code Retry-After} honoured up to 30 s.
   *
   * @param url the base URL
   * @param apiKey the API key
   * @return the settings
   */
  public static RemoteSettings defaults(String url, String apiKey) {
    return new RemoteSettings(
        url,
        apiKey,
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        2,
        Duration.ofMillis(10),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        defaultUserAgent(),
        null,
        20,
        new Random(),
        Sleeper.SYSTEM);
  }

  /**
   * Returns the default {@code User-Agent}, {@code Oso Cloud (java <version>; rv:<version>)}.
   *
   * @return the header value
   */
  public static String defaultUserAgent() {
    return "Oso Cloud (java "
        + System.getProperty("java.version")
        + "; rv:"
        + LIBRARY_VERSION
        + ")";
  }

  /**
   * Returns a copy with another sleeper.
   *
   * @param newSleeper the sleeper
   * @return the settings
   */
  public RemoteSettings withSleeper(Sleeper newSleeper) {
    return new RemoteSettings(
        url,
        apiKey,
        fallbackUrl,
        connectTimeout,
        readTimeout,
        writeTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        maxRetryAfter,
        userAgent,
        dataBindings,
        maxIdleConnections,
        random,
        newSleeper);
  }

  /**
   * Returns the API key masked for logs: its first four characters and stars.
   *
   * @return the masked key
   */
  public String maskedKey() {
    return mask(apiKey);
  }

  /**
   * Masks a secret for logs.
   *
   * @param secret the secret
   * @return at most its first four characters, then stars
   */
  public static String mask(String secret) {
    return secret.substring(0, Math.min(4, secret.length() / 4)) + "****";
  }

  @Override
  public String toString() {
    return "RemoteSettings[url="
        + url
        + ", apiKey="
        + maskedKey()
        + ", fallbackUrl="
        + fallbackUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", writeTimeout="
        + writeTimeout
        + ", maxRetries="
        + maxRetries
        + ", userAgent="
        + userAgent
        + ", dataBindings="
        + (dataBindings == null ? "none" : dataBindings.length() + " chars")
        + "]";
  }

  private static String normaliseUrl(String url, String what) {
    requireNonNull(url, what);
    String trimmed = url.trim();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " '" + url + "' is not a valid URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(what + " '" + url + "' must use http or https");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(what + " '" + url + "' has no host");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException(what + " '" + url + "' must not have a query or fragment");
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static void requirePositive(Duration d, String what) {
    requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " '" + d + "' must be positive");
    }
  }
}
