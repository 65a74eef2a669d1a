package io.ormcalc.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The application clock, injected wherever the service needs the time of day, so tests can fix it.
 * Leases and queue times use database time instead; this clock never orders jobs.
 */
public class ClockProducer {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
