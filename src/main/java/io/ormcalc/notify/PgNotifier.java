package io.ormcalc.notify;

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
 * Listens, on a connection of its own, to the database's announcements ({@link Channels}) and fires
 * each as a {@link PgNotification} CDI event, and a {@link Listening} event whenever the connection
 * is (re)opened. It knows no subscriber: the dispatcher, the running jobs, the webhook sender and
 * the live dashboard streams observe what concerns them. Notifications can be lost (a dropped
 * connection), so every subscriber has a fallback (polls, the cancellation flag read with each
 * lease renewal, a resync of the streams). The connection is re-opened with backoff when it drops.
 */
@ApplicationScoped
public class PgNotifier {

  private static final Logger LOG = Logger.getLogger(PgNotifier.class);
  private final Event<PgNotification> notifications;
  private final Event<Listening> listening;
  private final String url;
  private final Optional<String> username;
  private final Optional<String> password;
  private final AtomicLong received = new AtomicLong();
  private volatile boolean active;
  private volatile boolean connected;
  private Thread thread;

  public PgNotifier(
      Event<PgNotification> notifications,
      Event<Listening> listening,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.notifications = notifications;
    this.listening = listening;
    this.url = url;
    this.username = username;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    active = true;
    thread = new Thread(this::listen, "pg-notifier");
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
              String.join("; ", Channels.ALL.stream().map(c -> "LISTEN " + c).toList()));
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        connected = true;
        backoff = 100;
        listening.fire(new Listening()); // anything announced while this connection was down
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
              "database notifications: connection lost (%s); polling until it is back",
              e.getMessage());
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
    String payload = notification.getParameter();
    notifications.fire(
        new PgNotification(
            notification.getName(), payload == null ? "" : payload, System.currentTimeMillis()));
  }

  private Properties credentials() {
    Properties properties = new Properties();
    username.ifPresent(u -> properties.setProperty("user", u));
    password.ifPresent(p -> properties.setProperty("password", p));
    properties.setProperty("ApplicationName", "ormcalc-notifier");
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
