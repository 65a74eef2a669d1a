package io.ormcalc.replicas;

import io.ormcalc.datasource.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh database for the replicas: on the PostgreSQL the suite is configured with
 * (QUARKUS_DATASOURCE_JDBC_URL), or on an embedded one when none is.
 */
final class ChaosDatabase {

  static final String NAME = "ormcalc_replicas";

  final String url;
  final String user;

  private ChaosDatabase(String url, String user) {
    this.url = url;
    this.user = user;
  }

  static ChaosDatabase create() throws SQLException {
    String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    String user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
    String server =
        configured != null
            ? configured.replaceFirst("/[^/?]+(\\?.*)?$", "/postgres")
            : EmbeddedPostgresServer.start();
    try (Connection c = DriverManager.getConnection(server, user, "");
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + NAME + " with (force)");
      s.execute("create database " + NAME);
    }
    return new ChaosDatabase(server.replaceFirst("/postgres$", "/" + NAME), user);
  }

  Map<String, String> environment() {
    return Map.of("QUARKUS_DATASOURCE_JDBC_URL", url, "QUARKUS_DATASOURCE_USERNAME", user);
  }

  /**
   * The environment of replicas whose jobs fail over quickly: this database, leases of {@code
   * lease} renewed every 2 s, a rescue pass every second, a 300 ms shutdown grace and a 1 s
   * shutdown delay. A mutable copy, for each test's own settings.
   */
  Map<String, String> failoverEnvironment(java.time.Duration lease) {
    Map<String, String> environment = new java.util.HashMap<>(environment());
    environment.put("ORMCALC_EXECUTION_LEASE", lease.getSeconds() + "s");
    environment.put("ORMCALC_EXECUTION_LEASE_RENEWAL_INTERVAL", "2s");
    environment.put("ORMCALC_MAINTENANCE_RESCUE_INTERVAL", "1s");
    environment.put("ORMCALC_EXECUTION_SHUTDOWN_GRACE", "300ms");
    environment.put("SHUTDOWN_DELAY", "1s");
    return environment;
  }

  List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (r.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  long count(String sql, Object... args) throws SQLException {
    return ((Number) rows(sql, args).get(0).values().iterator().next()).longValue();
  }
}
