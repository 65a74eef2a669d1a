package io.ormcalc.execution;

import io.ormcalc.webhook.WebhookSender;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens, on a connection of its own, for the database's announcements: a job became due ({@code
 * ormcalc_job_due}: the dispatcher claims at once) and a cancellation was requested ({@code
 * ormcalc_job_cancel}: the calculation stops at once if it runs here), and a webhook message became
 * due ({@code ormcalc_webhook_due}: the webhook sender claims at once), and a job changed ({@code
 * ormcalc_job_changed}: fired as a {@link JobChanged} event for the live dashboard streams).
 * Notifications can be lost (a dropped connection), so all have fallbacks: the dispatchers' polls,
 * and the cancellation flag read with every lease renewal, and a {@link JobChanged#MISSED} event
 * telling the live streams to read afresh. The connection is re-opened with backoff when it drops.
 */
@ApplicationScoped
public class JobNotifications {

  private static final Logger LOG = Logger.getLogger(JobNotifications.class);
  static final String DUE = "ormcalc_job_due";
  static final String CANCEL = "ormcalc_job_cancel";
  static final String WEBHOOK_DUE = "ormcalc_webhook_due";
  static final String CHANGED = "ormcalc_job_changed";

  private final Dispatcher dispatcher;
  private final RunningJobs running;
  private final WebhookSender webhooks;
  private final Event<JobChanged> changes;
  private final String url;
  private final Optional<String> username;
  private final Optional<String> password;
  private final AtomicLong received = new AtomicLong();
  private volatile boolean active;
  private volatile boolean connected;
  private Thread thread;

  public JobNotifications(
      Dispatcher dispatcher,
      RunningJobs running,
      WebhookSender webhooks,
      Event<JobChanged> changes,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.dispatcher = dispatcher;
    this.running = running;
    this.webhooks = webhooks;
    this.changes = changes;
    this.url = url;
    this.username = username;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    active = true;
    thread = new Thread(this::listen, "job-notifications");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    active = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Whether the listening connection is open now. */
  public boolean isConnected() {
    return connected;
  }

  /** Notifications received since start: how tests see that a wake-up came by NOTIFY. */
  public long received() {
    return received.get();
  }

  private void listen() {
    long backoff = 100;
    while (active) {
      try (Connection connection = DriverManager.getConnection(url, credentials())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(
              "LISTEN "
                  + DUE
                  + "; LISTEN "
                  + CANCEL
                  + "; LISTEN "
                  + WEBHOOK_DUE
                  + "; LISTEN "
                  + CHANGED);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        connected = true;
        backoff = 100;
        dispatcher.wake(); // anything announced while this connection was down
        webhooks.wake();
        changes.fire(JobChanged.MISSED);
        while (active) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications != null) {
            for (PGNotification notification : notifications) {
              handle(notification);
            }
          }
        }
      } catch (SQLException e) {
        if (active) {
          LOG.warnf(
              "job notifications: connection lost (%s); polling until it is back", e.getMessage());
        }
      } finally {
        connected = false;
      }
      sleep(backoff);
      backoff = Math.min(backoff * 2, 10_000);
    }
  }

  private void handle(PGNotification notification) {
    received.incrementAndGet();
    if (DUE.equals(notification.getName())) {
      dispatcher.wake();
    } else if (CANCEL.equals(notification.getName())) {
      for (String jobId : notification.getParameter().split(",")) {
        running.cancel(jobId); // ids of one statement's requests
      }
    } else if (WEBHOOK_DUE.equals(notification.getName())) {
      webhooks.wake();
    } else if (CHANGED.equals(notification.getName())) {
      changes.fire(JobChanged.parse(notification.getParameter(), System.currentTimeMillis()));
    }
  }

  private Properties credentials() {
    Properties properties = new Properties();
    username.ifPresent(u -> properties.setProperty("user", u));
    password.ifPresent(p -> properties.setProperty("password", p));
    properties.setProperty("ApplicationName", "ormcalc-job-notifications");
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      active = false;
    }
  }
}
