package io.ormcalc.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot serve now (unreachable, connections exhausted, shutting down,
 * overloaded) from a bug: the first is answered 503 with {@code Retry-After}, not 500.
 *
 * <p>SQLSTATE classes: {@code 08} connection exceptions, {@code 53} insufficient resources (too
 * many connections, out of memory or disk), {@code 57P} operator intervention (admin or crash
 * shutdown, cannot connect now); a connection pool's acquisition timeout (a transient connection
 * exception without a state); and a socket-level failure of the driver.
 */
final class DatabaseTrouble {

  static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseTrouble() {}

  static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && unavailable(sql.getSQLState())) {
        return true;
      }
      if (t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().contains("acquisition timeout")) {
        return true; // Agroal's pool exhausted
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean unavailable(String state) {
    return state != null
        && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
  }

  /** The innermost message, for the log (no SQL, no stack). */
  static String summary(Throwable e) {
    Throwable last = e;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      last = t;
    }
    return last.getClass().getSimpleName() + ": " + last.getMessage();
  }
}
