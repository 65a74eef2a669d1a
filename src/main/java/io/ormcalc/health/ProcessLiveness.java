package io.ormcalc.health;

import io.ormcalc.execution.Dispatcher;
import io.ormcalc.webhook.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: the process is not wedged — the job dispatcher's and the webhook sender's loops are
 * alive while they should be. Never the database: a database outage must make pods unready, not
 * restart them all (restarts would not bring the database back).
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

  private final Dispatcher dispatcher;
  private final WebhookSender webhooks;

  public ProcessLiveness(Dispatcher dispatcher, WebhookSender webhooks) {
    this.dispatcher = dispatcher;
    this.webhooks = webhooks;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("ormcalc-process")
        .status(!dispatcher.isWedged() && !webhooks.isWedged())
        .withData("dispatcher_running", dispatcher.isRunning())
        .withData("active_jobs", dispatcher.activeJobs())
        .withData("webhook_sender_running", webhooks.isRunning())
        .build();
  }
}
