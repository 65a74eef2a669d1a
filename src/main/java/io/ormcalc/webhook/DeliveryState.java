package io.ormcalc.webhook;

import java.util.Locale;

/** Where a webhook message stands; its {@link #toString()} is the stored and wire value. */
public enum DeliveryState {
  /** Waiting for its next attempt ({@code next_attempt_at}). */
  PENDING,
  /** An attempt is in flight on the replica holding its lease. */
  SENDING,
  /** A 2xx answer was received. */
  DELIVERED,
  /** Attempts are spent, or the receiver answered 410: a dead letter, until redelivered. */
  DEAD;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
