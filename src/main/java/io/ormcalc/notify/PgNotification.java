package io.ormcalc.notify;

/**
 * One PostgreSQL notification this replica received ({@code LISTEN}), fired as a CDI event by
 * {@link PgNotifier} on its listening thread: observers check the channel and return quickly.
 *
 * @param channel one of {@link Channels}
 * @param payload the notification's payload ("" when none)
 * @param receivedAtMillis when this replica received it (epoch milliseconds)
 */
public record PgNotification(String channel, String payload, long receivedAtMillis) {

  public boolean is(String name) {
    return channel.equals(name);
  }
}
