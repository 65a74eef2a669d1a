package io.ormcalc.webhook;

import io.ormcalc.webhook.AttemptResult.Outcome;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Sends one HTTP attempt of a webhook: the adapter between the outbox and the network.
 *
 * <p>Every call is guarded by SmallRye Fault Tolerance: a timeout (the whole exchange, connection
 * to the last byte read, {@code WEBHOOK_TIMEOUT}) inside a circuit breaker of the destination's
 * origin (scheme, host and port). Both are in the programmatic form because there is one breaker
 * per destination, which an annotation (one breaker per method) cannot express. Failures that count
 * for the breaker are those that say the receiver is unwell: no connection, no answer in time, 5xx,
 * 429. A 4xx says the receiver is up and refuses this message; it does not count.
 *
 * <p>Redirects are never followed (a 3xx is a failure: a signed message is sent only where the
 * client said), and at most {@code max-response-bytes} of the answer are read.
 */
@ApplicationScoped
public class WebhookClient {

  /** More distinct destinations than this and the breakers start afresh (bounded memory). */
  static final int MAX_BREAKERS = 10_000;

  private final HttpClient http;
  private final WebhookConfig config;
  private final Clock clock;
  private final String userAgent;
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();

  public WebhookClient(
      WebhookConfig config,
      Clock clock,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
    this.config = config;
    this.clock = clock;
    this.userAgent = "ormcalc-webhooks/" + version;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .build();
  }

  /** One exchange with the receiver; what came back or went wrong, as a value. */
  public AttemptResult send(URI url, Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", userAgent)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      Exchange exchange = guard(url).call(() -> exchange(request.build()), Exchange.class);
      return answered(exchange, millisSince(start));
    } catch (ReceiverUnwell e) {
      return answered(e.exchange, millisSince(start));
    } catch (CircuitBreakerOpenException e) {
      return AttemptResult.of(
          Outcome.CIRCUIT_OPEN, 0, "circuit breaker open for " + origin(url) + ": recent failures");
    } catch (TimeoutException | HttpTimeoutException e) {
      boolean connecting = e instanceof HttpConnectTimeoutException;
      return AttemptResult.of(
          Outcome.TIMEOUT,
          millisSince(start),
          (connecting ? "no connection within " : "no complete answer within ") + config.timeout());
    } catch (ConnectException e) {
      return AttemptResult.of(Outcome.FAILED, millisSince(start), "connection refused");
    } catch (IOException e) {
      return AttemptResult.of(
          Outcome.FAILED, millisSince(start), "I/O error: " + describe(e.getMessage(), e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AttemptResult.of(Outcome.FAILED, millisSince(start), "interrupted (shutting down)");
    } catch (Exception e) {
      return AttemptResult.of(
          Outcome.FAILED, millisSince(start), "failed: " + describe(e.getMessage(), e));
    }
  }

  private AttemptResult answered(Exchange exchange, long latencyMs) {
    int status = exchange.status();
    Outcome outcome =
        status >= 200 && status < 300
            ? Outcome.DELIVERED
            : status == 410 ? Outcome.GONE : Outcome.FAILED;
    Optional<Duration> retryAfter =
        status == 429 || status == 503
            ? RetrySchedule.parseRetryAfter(exchange.retryAfter(), clock.instant())
            : Optional.empty();
    String error =
        switch (outcome) {
          case DELIVERED -> null;
          case GONE -> "HTTP 410 Gone: the receiver wants no more of this message";
          default ->
              status >= 300 && status < 400
                  ? "HTTP " + status + " redirect (redirects are not followed)"
                  : "HTTP " + status;
        };
    return new AttemptResult(
        outcome, status, latencyMs, error, exchange.responseExcerpt(), retryAfter);
  }

  private Exchange exchange(HttpRequest request)
      throws IOException, InterruptedException, ReceiverUnwell {
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    String excerpt;
    try (InputStream in = response.body()) {
      excerpt = new String(in.readNBytes(config.maxResponseBytes()), StandardCharsets.UTF_8);
    }
    Exchange exchange =
        new Exchange(
            response.statusCode(),
            response.headers().firstValue("Retry-After").orElse(null),
            excerpt);
    if (exchange.status() >= 500 || exchange.status() == 429) {
      throw new ReceiverUnwell(exchange);
    }
    return exchange;
  }

  private Guard guard(URI url) {
    if (guards.size() > MAX_BREAKERS) {
      guards.clear();
    }
    return guards.computeIfAbsent(origin(url), this::newGuard);
  }

  private Guard newGuard(String origin) {
    WebhookConfig.CircuitBreaker breaker = config.circuitBreaker();
    return Guard.create()
        .withDescription("webhook delivery to " + origin)
        .withTimeout()
        .duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
        .done()
        .withCircuitBreaker()
        .requestVolumeThreshold(breaker.requestVolumeThreshold())
        .failureRatio(breaker.failureRatio())
        .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
        .when(WebhookClient::countsAsUnwell)
        .done()
        .build();
  }

  private static boolean countsAsUnwell(Throwable failure) {
    return failure instanceof ReceiverUnwell
        || failure instanceof IOException
        || failure instanceof TimeoutException;
  }

  static String origin(URI url) {
    int port = url.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
    return url.getScheme().toLowerCase() + "://" + url.getHost().toLowerCase() + ":" + port;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String describe(String message, Exception e) {
    String text = message != null ? message : e.getClass().getSimpleName();
    return text.length() > 300 ? text.substring(0, 300) : text;
  }

  /** The parts of an answer that matter. */
  record Exchange(int status, String retryAfter, String responseExcerpt) {}

  /** A 5xx or 429: counted by the breaker, still an answer for the audit. */
  static final class ReceiverUnwell extends Exception {
    private final transient Exchange exchange;

    ReceiverUnwell(Exchange exchange) {
      super("HTTP " + exchange.status(), null, false, false);
      this.exchange = exchange;
    }
  }
}
