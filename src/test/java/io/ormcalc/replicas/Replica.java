package io.ormcalc.replicas;

import io.ormcalc.support.Tokens;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the packaged service (target/quarkus-app) in its own JVM on loopback: started,
 * killed (SIGKILL), terminated (SIGTERM) and restarted by the chaos test.
 */
final class Replica {

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * Production settings every replica gets: token verification, a webhook signing secret, and a
   * rate limit the test's load stays under.
   */
  static final Map<String, String> PRODUCTION_SETTINGS =
      Map.of(
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
          Path.of("src/test/resources", Tokens.PUBLIC_KEY).toAbsolutePath().toString(),
          "MP_JWT_VERIFY_ISSUER",
          Tokens.ISSUER,
          "MP_JWT_VERIFY_AUDIENCES",
          Tokens.AUDIENCE,
          "WEBHOOK_SIGNING_SECRET",
          "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
          // thousands of jobs a second from one test tenant
          "RATE_LIMIT_PER_SECOND",
          "1000000");

  /** The test client: every role, tenant {@code chaos}; valid for an hour. */
  private static final String AUTHORIZATION =
      Tokens.bearerFor(
          Duration.ofHours(1), "chaos-client", "chaos", "calc:submit", "calc:read", "calc:admin");

  final String name;
  final int port;
  private final Map<String, String> environment;
  private final String heap;
  private Process process;
  private int starts;

  Replica(String name, Map<String, String> environment) throws IOException {
    this(name, environment, "400m");
  }

  /** A replica with this maximum heap ({@code -Xmx}). */
  Replica(String name, Map<String, String> environment, String heap) throws IOException {
    this.name = name;
    this.environment = environment;
    this.heap = heap;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
  }

  void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-jar");
    command.add("target/quarkus-app/quarkus-run.jar");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(PRODUCTION_SETTINGS);
    builder.environment().putAll(environment);
    builder.environment().values().removeIf(String::isEmpty); // "" in a test's map means: unset
    builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
    builder.environment().put("ORMCALC_EXECUTION_INSTANCE_ID", name);
    builder.redirectErrorStream(true);
    builder.redirectOutput(new File("target/" + name + "-" + (++starts) + ".log"));
    process = builder.start();
  }

  void awaitReady(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited while starting; see its log in target/");
      }
      try {
        if (get("/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " was not ready within " + limit);
  }

  /** kill -9: no shutdown hook, no hand-over; its leases must expire. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: the graceful shutdown. Returns the exit code. */
  int terminate(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not stop within " + limit + " of SIGTERM");
    }
    return process.exitValue();
  }

  /** Sends SIGTERM and returns at once. */
  void signalTerminate() {
    process.destroy();
  }

  /** Waits for the process to end by itself; its exit code, or -1 if it still runs. */
  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    return process.exitValue();
  }

  /** The output of the latest start. */
  String log() throws IOException {
    return java.nio.file.Files.readString(Path.of("target/" + name + "-" + starts + ".log"));
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** How many times this replica was started. */
  int starts() {
    return starts;
  }

  /** The process id of its current start. */
  long pid() {
    return process.pid();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", AUTHORIZATION)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The status code of a GET, or -1 when the replica does not answer. */
  int status(String path) {
    try {
      return get(path).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json);
  }

  HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
    return send("PUT", path, json);
  }

  private HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", AUTHORIZATION)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", AUTHORIZATION)
            .timeout(Duration.ofSeconds(10))
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
