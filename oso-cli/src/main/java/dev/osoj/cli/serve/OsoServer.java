package dev.osoj.cli.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket side of {@code oso serve}: a small blocking HTTP/1.1 server with keep-alive, one
 * worker per open connection from a bounded pool, the 10 MiB body limit and graceful shutdown.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: it passes every request of a kept-alive
 * connection from its selector thread to a worker and back, which cost several times the engine's
 * own work per {@code authorize} in our measurements (see {@code benchmarks/results-http.md}). Here
 * a worker reads, answers and reads the next request on the same connection without hand-offs.
 *
 * <p>Supported HTTP: methods with {@code Content-Length} or chunked bodies, {@code Expect:
 * 100-continue}, persistent connections (HTTP/1.1 default, HTTP/1.0 on request). Not supported:
 * TLS, HTTP/2, pipelining beyond reading requests in order, trailers.
 *
 * <p>Limits: request line and each header at most 16 KiB, at most 100 headers, bodies above 10 MiB
 * answered 413. An idle kept-alive connection is closed after 10 s; when every worker is busy and
 * the queue of waiting connections is full, a new connection gets 503 and is closed.
 */
public final class OsoServer implements AutoCloseable {
  /** Request bodies larger than this are refused with 413. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private static final Logger logger = LoggerFactory.getLogger(OsoServer.class);
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 100;
  private static final int IDLE_MILLIS = 10_000;
  private static final int QUEUE_CAPACITY = 256;

  private final ServerSocket listener;
  private final ThreadPoolExecutor pool;
  private final Router router;
  private final ServeBackend backend;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closing;

  /**
   * Creates and binds a server; {@link #start()} starts it.
   *
   * @param backend the engine
   * @param initialPolicy the policy loaded at startup, for {@code GET /api/policy}, or null
   * @param apiKey the key clients must send as bearer token
   * @param address where to listen
   * @param threads worker threads, the most connections served at once
   * @throws IOException if the address cannot be bound
   */
  OsoServer(
      ServeBackend backend,
      Api.@Nullable PolicyText initialPolicy,
      String apiKey,
      InetSocketAddress address,
      int threads)
      throws IOException {
    this.backend = backend;
    this.router = new Router(new Api(backend, initialPolicy), apiKey);
    AtomicInteger counter = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r -> {
              Thread t = new Thread(r, "oso-serve-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(address, 1024);
    this.acceptor = new Thread(this::acceptLoop, "oso-serve-accept");
    acceptor.setDaemon(true);
  }

  /** Starts accepting connections. */
  void start() {
    acceptor.start();
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return listener.getLocalPort();
  }

  /**
   * Stops gracefully: no new connections, new requests get 503, running ones may finish (up to 2
   * s), then every connection, the workers and the backend are closed.
   */
  @Override
  public void close() {
    closing = true;
    router.closing();
    closeQuietly(listener);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    open.forEach(OsoServer::closeQuietly);
    pool.shutdownNow();
    backend.close();
  }

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!closing) {
          logger.warn("accept failed: {}", e.toString());
        }
        continue;
      }
      try {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(IDLE_MILLIS);
        open.add(socket);
        pool.execute(() -> serve(socket));
      } catch (RejectedExecutionException | IOException e) {
        refuseBusy(socket);
      }
    }
  }

  private void refuseBusy(Socket socket) {
    try (socket) {
      write(socket.getOutputStream(), Router.refused(503, "server is busy, try again", null), true);
    } catch (IOException e) {
      // the client is gone
    } finally {
      open.remove(socket);
    }
  }

  /** Serves the requests of one connection until it closes, idles out or asks to close. */
  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = socket.getOutputStream();
      boolean keepAlive = true;
      while (keepAlive && !closing) {
        keepAlive = exchange(socket, in, out);
      }
    } catch (SocketTimeoutException | EOFException e) {
      // idle connection or client went away between requests
    } catch (IOException e) {
      if (!closing && !(e instanceof SocketException)) {
        logger.debug("connection failed: {}", e.toString());
      }
    } finally {
      open.remove(socket);
    }
  }

  /** Reads one request and answers it; returns whether the connection stays open. */
  private boolean exchange(Socket socket, InputStream in, OutputStream out) throws IOException {
    String requestLine;
    try {
      requestLine = readLine(in, true);
    } catch (BadRequest e) {
      write(out, Router.refused(e.status, e.getMessage(), null), true);
      return false;
    }
    if (requestLine == null) {
      return false;
    }
    inFlight.incrementAndGet();
    try {
      Head head;
      try {
        head = parseHead(requestLine, in);
      } catch (BadRequest e) {
        write(out, Router.refused(e.status, e.getMessage(), null), true);
        return false;
      }
      byte[] body;
      try {
        body = readBody(head, in, out);
      } catch (BadRequest e) {
        write(
            out, Router.refused(e.status, e.getMessage(), head.headers.get("x-request-id")), true);
        drain(socket, in);
        return false;
      }
      ServeResponse response =
          router.handle(new ServeRequest(head.method, head.path, head.query, head.headers, body));
      boolean keepAlive = head.keepAlive && !closing;
      write(out, response, !keepAlive);
      return keepAlive;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** A request the socket layer refuses, with its status. */
  private static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** The request line and headers. */
  private static final class Head {
    String method = "";
    String path = "";
    @Nullable String query;
    final Map<String, String> headers = new HashMap<>();
    boolean keepAlive;
  }

  private static Head parseHead(String requestLine, InputStream in) throws IOException, BadRequest {
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[1].isEmpty()) {
      throw new BadRequest(400, "malformed request line");
    }
    Head head = new Head();
    head.method = parts[0];
    int q = parts[1].indexOf('?');
    head.path = q < 0 ? parts[1] : parts[1].substring(0, q);
    head.query = q < 0 ? null : parts[1].substring(q + 1);
    for (int n = 0; ; n++) {
      String line = readLine(in, false);
      if (line == null || line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || n >= MAX_HEADERS) {
        throw new BadRequest(400, colon <= 0 ? "malformed header line" : "too many headers");
      }
      head.headers.putIfAbsent(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    String connection = head.headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    head.keepAlive =
        parts[2].equals("HTTP/1.1")
            ? !connection.contains("close")
            : connection.contains("keep-alive");
    return head;
  }

  private static byte[] readBody(Head head, InputStream in, OutputStream out)
      throws IOException, BadRequest {
    String encoding = head.headers.get("transfer-encoding");
    String length = head.headers.get("content-length");
    long size = 0;
    if (encoding == null && length != null) {
      try {
        size = Long.parseLong(length);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "invalid Content-Length '" + length + "'");
      }
      if (size < 0) {
        throw new BadRequest(400, "invalid Content-Length '" + length + "'");
      }
      if (size > MAX_BODY_BYTES) {
        throw new BadRequest(413, "request body exceeds the 10 MiB limit");
      }
    } else if (encoding != null && !encoding.equalsIgnoreCase("chunked")) {
      throw new BadRequest(400, "unsupported Transfer-Encoding '" + encoding + "'");
    }
    if ("100-continue".equalsIgnoreCase(head.headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    if (encoding != null) {
      return readChunked(in);
    }
    byte[] body = in.readNBytes((int) size);
    if (body.length != size) {
      throw new EOFException("body ended early");
    }
    return body;
  }

  private static byte[] readChunked(InputStream in) throws IOException, BadRequest {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in, false);
      if (line == null) {
        throw new EOFException("chunked body ended early");
      }
      int semi = line.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "malformed chunk size");
      }
      if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
        throw new BadRequest(413, "request body exceeds the 10 MiB limit");
      }
      if (size == 0) {
        while (true) {
          String trailer = readLine(in, false);
          if (trailer == null || trailer.isEmpty()) {
            return body.toByteArray();
          }
        }
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("chunk ended early");
      }
      body.write(chunk);
      readLine(in, false);
    }
  }

  /**
   * Reads a CRLF- (or LF-) terminated ISO-8859-1 line.
   *
   * @param first true before a request: end of stream then means the client closed, not an error
   * @return the line without its terminator, or null at end of stream
   */
  private static @Nullable String readLine(InputStream in, boolean first)
      throws IOException, BadRequest {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (first && line.length() == 0) {
          return null;
        }
        throw new EOFException("connection closed mid-request");
      }
      if (c == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new BadRequest(431, "request line or header longer than 16 KiB");
      }
      line.append((char) c);
    }
  }

  private static void write(OutputStream out, ServeResponse response, boolean close)
      throws IOException {
    StringBuilder head = new StringBuilder(192);
    head.append("HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(reason(response.status()))
        .append("\r\nContent-Type: application/json\r\nContent-Length: ")
        .append(response.body().length)
        .append("\r\nX-Request-ID: ")
        .append(response.requestId());
    if (response.osoOffset() != null) {
      head.append("\r\nOsoOffset: ").append(response.osoOffset());
    }
    if (close) {
      head.append("\r\nConnection: close");
    }
    head.append("\r\n\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + response.body().length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(response.body(), 0, all, h.length, response.body().length);
    out.write(all);
    out.flush();
  }

  /**
   * Reads and drops what the client is still sending (up to twice the body limit, for at most 2 s),
   * so that closing the socket does not reset the connection before the client has read the
   * refusal.
   */
  private static void drain(Socket socket, InputStream in) {
    byte[] sink = new byte[64 * 1024];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    long total = 0;
    try {
      socket.setSoTimeout(500);
      int n;
      while (total < 2L * MAX_BODY_BYTES
          && System.nanoTime() < deadline
          && (n = in.read(sink)) >= 0) {
        total += n;
      }
    } catch (IOException e) {
      // the client stopped sending or went away: nothing more to drain
    }
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 202:
        return "Accepted";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 413:
        return "Payload Too Large";
      case 431:
        return "Request Header Fields Too Large";
      case 503:
        return "Service Unavailable";
      default:
        return status >= 500 ? "Server Error" : "Error";
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
