package io.ormcalc.datasource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In the {@code dev} and {@code test} profiles, when no database is configured, starts an embedded
 * PostgreSQL 15 and points the datasource at it, so that {@code ./mvnw quarkus:dev} and {@code
 * ./mvnw verify} need nothing installed.
 *
 * <p>The embedded server's classes are in {@code provided} scope, present in dev mode and tests and
 * absent from the production artifact; they are reached only by reflection, from here, so neither
 * the JVM jar nor the native image ever loads them. Dev mode calls config factories from several
 * class loaders: one server is started per JVM and its URL kept in a system property.
 */
public final class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

  static final String URL_PROPERTY = "ormcalc.embedded-postgres.jdbc-url";
  private static final String SERVER_CLASS = "io.ormcalc.datasource.EmbeddedPostgresServer";

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    List<String> profiles = context.getProfiles();
    if (!profiles.contains("dev") && !profiles.contains("test")) {
      return List.of();
    }
    if (isSet(context, "quarkus.datasource.jdbc.url")
        || isSet(context, "DATABASE_URL")
        || "false".equals(value(context, "ormcalc.embedded-postgres.enabled"))) {
      return List.of();
    }
    String url = startOncePerJvm();
    return List.of(
        new PropertiesConfigSource(
            Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", "postgres"),
            "EmbeddedPostgreSQL",
            200));
  }

  private static String startOncePerJvm() {
    // A string literal is interned JVM-wide, so this lock is shared by every class loader.
    synchronized ("io.ormcalc.embedded-postgres") {
      String url = System.getProperty(URL_PROPERTY);
      if (url == null) {
        try {
          Class<?> server =
              Class.forName(
                  SERVER_CLASS, true, EmbeddedPostgresConfigSourceFactory.class.getClassLoader());
          url = (String) server.getMethod("start").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
          throw new IllegalStateException(
              "No datasource is configured and the embedded PostgreSQL could not start; set"
                  + " QUARKUS_DATASOURCE_JDBC_URL or DATABASE_URL",
              e);
        }
        System.setProperty(URL_PROPERTY, url);
      }
      return url;
    }
  }

  private static boolean isSet(ConfigSourceContext context, String name) {
    String value = value(context, name);
    return value != null && !value.isBlank();
  }

  private static String value(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    return value == null ? null : value.getValue();
  }
}
