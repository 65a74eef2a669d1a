package io.ormcalc.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-ID} (or, failing that,
 * {@code X-Request-ID}, as ingress controllers set it) when it is a safe token, a new UUID
 * otherwise. It is echoed in the response, put in the log context ({@code correlation_id}),
 * recorded with every job event and sent with the job's webhooks.
 */
public class CorrelationIdFilter {

  public static final String HEADER = "X-Correlation-ID";
  public static final String REQUEST_ID_HEADER = "X-Request-ID";
  static final String MDC_KEY = "correlation_id";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

  private final RequestCorrelation correlation;

  public CorrelationIdFilter(RequestCorrelation correlation) {
    this.correlation = correlation;
  }

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String given = request.getHeaderString(HEADER);
    if (given == null) {
      given = request.getHeaderString(REQUEST_ID_HEADER);
    }
    String id =
        given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    correlation.set(id);
    MDC.put(MDC_KEY, id);
  }

  @ServerResponseFilter
  public void echo(ContainerResponseContext response) {
    if (correlation.id() != null) {
      response.getHeaders().putSingle(HEADER, correlation.id());
    }
    MDC.remove(MDC_KEY);
  }
}
