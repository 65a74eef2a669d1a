package io.ormcalc.datasource;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code DATABASE_URL} of the form {@code postgresql://user:password@host:5432/db?options} (the
 * convention of Heroku, Render and the original Python service), as JDBC settings.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

  /**
   * Parses the URL.
   *
   * @throws IllegalArgumentException naming what is wrong, without echoing the password
   */
  public static DatabaseUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid("it is not a URL");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw invalid("the scheme must be postgresql:// or postgres://");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw invalid("it must name a host and a database");
    }
    String jdbc =
        "jdbc:postgresql://"
            + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + uri.getRawPath()
            + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    return new DatabaseUrl(jdbc, user, password);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException(
        "DATABASE_URL is not usable: "
            + why
            + " (expected postgresql://user:password@host:5432/database)");
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + jdbcUrl + ", user=" + username + "]";
  }
}
