package io.ormcalc.api;

import io.ormcalc.execution.ReplicaRole;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A {@code worker} replica ({@link ReplicaRole}) serves only its probes and metrics: every other
 * path, the API and the dashboard included, is answered 404 with a problem saying so, before any
 * resource, token check or static file is reached.
 */
@ApplicationScoped
public class RoleRoutes {

  static final String NOT_SERVED =
      "{\"type\":\"urn:ormcalc:problem:not-served-here\",\"title\":\"Not served by this replica\","
          + "\"status\":404,\"detail\":\"This replica is a worker (ORMCALC_ROLE=worker): it serves"
          + " only /q/health and /q/metrics; send API calls to an api or all replica.\","
          + "\"error_code\":\"NOT_SERVED_HERE\"}";

  void install(@Observes Router router, ReplicaRole role) {
    if (role.servesApi()) {
      return;
    }
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            context -> {
              String path = context.normalizedPath();
              if (path.startsWith("/q/health") || path.startsWith("/q/metrics")) {
                context.next();
                return;
              }
              context
                  .response()
                  .setStatusCode(404)
                  .putHeader("Content-Type", Problem.MEDIA_TYPE)
                  .end(NOT_SERVED);
            });
  }
}
