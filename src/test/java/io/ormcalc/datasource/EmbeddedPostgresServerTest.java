package io.ormcalc.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * The fresh-machine path: with nothing installed, the embedded PostgreSQL starts and serves SQL.
 * (The suite itself may run against a configured database; this keeps the embedded one proven.)
 */
class EmbeddedPostgresServerTest {

  @Test
  void the_embedded_server_starts_postgresql_15_and_answers_queries() throws Exception {
    String url = EmbeddedPostgresServer.start();

    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        ResultSet r = c.createStatement().executeQuery("show server_version")) {
      r.next();
      assertThat(r.getString(1)).startsWith("15.");
    }
  }
}
