package io.ormcalc.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes (1 MiB) with a 413 problem.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before the body is read, by an
 * HTTP filter; a streamed (chunked) body is cut off by {@link #limit} as it is read. The HTTP
 * server's own {@code quarkus.http.limits.max-body-size} sits above this limit as the last guard.
 */
@ApplicationScoped
public class BodySizeLimit {

  public static final long MAX_BYTES = 1024 * 1024;

  void register(@Observes Filters filters, ObjectMapper mapper) {
    filters.register(
        ctx -> {
          String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
          if (length != null && declaredTooLarge(length)) {
            String correlation = ctx.request().getHeader(CorrelationIdFilter.HEADER);
            Problem problem =
                tooLarge()
                    .at(
                        ctx.normalizedPath(),
                        correlation != null && correlation.length() <= 64
                            ? correlation
                            : UUID.randomUUID().toString());
            ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(write(mapper, problem));
            return;
          }
          ctx.next();
        },
        1000);
  }

  /** Wraps a request body so that reading past the limit ends the request with a 413 problem. */
  static InputStream limit(InputStream body) {
    return new FilterInputStream(body) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
      }

      private void count(int n) {
        read += n;
        if (read > MAX_BYTES) {
          throw new ProblemException(tooLarge());
        }
      }
    };
  }

  static Problem tooLarge() {
    return Problem.of(
        413,
        "PAYLOAD_TOO_LARGE",
        "Payload too large",
        "The request body exceeds 1 MiB (1,048,576 bytes).");
  }

  private static boolean declaredTooLarge(String length) {
    try {
      return Long.parseLong(length.trim()) > MAX_BYTES;
    } catch (NumberFormatException e) {
      return false; // the HTTP server rejects a malformed Content-Length itself
    }
  }

  private static String write(ObjectMapper mapper, Problem problem) {
    try {
      return mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      return "{\"status\":413,\"error_code\":\"PAYLOAD_TOO_LARGE\"}";
    }
  }
}
