package io.ormcalc.health;

import io.ormcalc.execution.Dispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Startup: migrations ran (they run before the application starts) and the job dispatcher is up
 * (or, on an {@code api} replica, has started without claiming). Until then Kubernetes neither
 * restarts the pod for liveness nor sends it traffic.
 */
@Startup
@ApplicationScoped
public class DispatcherStarted implements HealthCheck {

  private final Dispatcher dispatcher;

  public DispatcherStarted(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("ormcalc-started").status(dispatcher.isStarted()).build();
  }
}
