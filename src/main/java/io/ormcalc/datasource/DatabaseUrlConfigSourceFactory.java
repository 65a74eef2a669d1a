package io.ormcalc.datasource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code DATABASE_URL} into the Quarkus datasource settings. Its ordinal, {@value #ORDINAL},
 * puts it above {@code application.properties} (250) and below environment variables (300), so an
 * explicit {@code QUARKUS_DATASOURCE_JDBC_URL} still wins.
 */
public final class DatabaseUrlConfigSourceFactory implements ConfigSourceFactory {

  static final int ORDINAL = 275;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue value = context.getValue("DATABASE_URL");
    if (value == null || value.getValue() == null || value.getValue().isBlank()) {
      return List.of();
    }
    DatabaseUrl url = DatabaseUrl.parse(value.getValue());
    Map<String, String> properties = new HashMap<>();
    properties.put("quarkus.datasource.jdbc.url", url.jdbcUrl());
    if (url.username() != null) {
      properties.put("quarkus.datasource.username", url.username());
    }
    if (url.password() != null) {
      properties.put("quarkus.datasource.password", url.password());
    }
    return List.of(new PropertiesConfigSource(properties, "DATABASE_URL", ORDINAL));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(ORDINAL);
  }
}
