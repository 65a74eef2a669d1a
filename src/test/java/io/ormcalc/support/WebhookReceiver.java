package io.ormcalc.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;

/**
 * A real HTTP webhook receiver on loopback for tests: records every request (headers, exact body
 * bytes, arrival time) and answers each path from a script of replies (status, delay, headers),
 * then with 200 once the script is used up.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One scripted answer. */
  public record Reply(int status, long delayMillis, Map<String, String> headers) {
    public static Reply status(int status) {
      return new Reply(status, 0, Map.of());
    }

    public static Reply slow(long delayMillis) {
      return new Reply(200, delayMillis, Map.of());
    }

    public Reply with(String header, String value) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(header, value);
      return new Reply(status, delayMillis, more);
    }
  }

  /** One request as received; header names in lower case. */
  public record Received(String path, Map<String, List<String>> headers, byte[] body, Instant at) {

    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, ConcurrentLinkedQueue<Reply>> scripts = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  public static WebhookReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    WebhookReceiver receiver = new WebhookReceiver(server);
    server.createContext("/", receiver::handle);
    server.setExecutor(receiver.threads);
    server.start();
    return receiver;
  }

  /** The URL of a path on this receiver, e.g. {@code url("/hooks/a")}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the next requests to {@code path} with these replies, in order. */
  public void script(String path, Reply... replies) {
    scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
  }

  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits (at most {@code limit}) until {@code count} requests reached {@code path}. */
  public List<Received> await(String path, int count, Duration limit) {
    Awaitility.await()
        .atMost(limit)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> received(path).size() >= count);
    return received(path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    String path = exchange.getRequestURI().getPath();
    received.add(new Received(path, headers, body, Instant.now()));
    ConcurrentLinkedQueue<Reply> script = scripts.get(path);
    Reply reply = script == null ? null : script.poll();
    if (reply == null) {
      reply = Reply.status(200);
    }
    try {
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] answer = ("{\"received\":" + received.size() + "}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the sender timed out and closed the connection
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
