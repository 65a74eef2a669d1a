package io.ormcalc.job;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A SQL statement written with {@code :name} parameters, parsed once (when the class that holds it
 * loads) into JDBC's positional form: the hot path binds and runs a prepared statement, with no
 * query parsing, entity hydration or reflection. Quoted text and PostgreSQL's {@code ::} casts are
 * left alone. The statement runs on a connection of the data source, enlisted in the caller's
 * transaction when there is one (the data source is transactional), autocommitted otherwise.
 */
public final class NamedSql {

  private final String sql;
  private final List<String> names;

  private NamedSql(String sql, List<String> names) {
    this.sql = sql;
    this.names = names;
  }

  public static NamedSql of(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        while (end >= 0 && end + 1 < text.length() && text.charAt(end + 1) == '\'') {
          end = text.indexOf('\'', end + 2);
        }
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote in " + text);
        }
        out.append(text, i, end + 1);
        i = end + 1;
      } else if (c == ':' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
        int end = i + 1;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
          end++;
        }
        names.add(text.substring(i + 1, end));
        out.append('?');
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return new NamedSql(out.toString(), List.copyOf(names));
  }

  /** The parameter names in order of appearance (a name may appear more than once). */
  List<String> names() {
    return names;
  }

  /** The statement in JDBC's positional form. */
  String sql() {
    return sql;
  }

  /** Reads rows; {@code values} names every parameter (a null value binds SQL null). */
  public <T> List<T> query(DataSource db, Map<String, ?> values, RowMapper<T> mapper) {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, values);
        ResultSet rows = s.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    } catch (SQLException e) {
      throw DatabaseException.of(e);
    }
  }

  /** Runs a statement that returns no rows; how many rows it changed. */
  public int update(DataSource db, Map<String, ?> values) {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, values)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw DatabaseException.of(e);
    }
  }

  private PreparedStatement prepare(Connection c, Map<String, ?> values) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    try {
      for (int p = 0; p < names.size(); p++) {
        String name = names.get(p);
        if (!values.containsKey(name)) {
          throw new IllegalArgumentException("no value for :" + name);
        }
        bind(s, p + 1, values.get(name));
      }
      return s;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
    if (value == null) {
      s.setNull(index, java.sql.Types.OTHER); // the server infers the type from the context
    } else if (value instanceof String text) {
      s.setString(index, text);
    } else if (value instanceof Integer number) {
      s.setInt(index, number);
    } else if (value instanceof Long number) {
      s.setLong(index, number);
    } else if (value instanceof Double number) {
      s.setDouble(index, number);
    } else if (value instanceof Boolean flag) {
      s.setBoolean(index, flag);
    } else if (value instanceof BigDecimal number) {
      s.setBigDecimal(index, number);
    } else if (value instanceof Short number) {
      s.setShort(index, number);
    } else {
      s.setObject(index, value);
    }
  }

  /** Maps the current row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /**
   * A database error, unchecked. Its cause is the driver's {@link SQLException}: the retry of
   * database calls ({@code JobStore}) retries on it.
   */
  public static class DatabaseException extends RuntimeException {
    DatabaseException(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    static DatabaseException of(SQLException e) {
      String state = e.getSQLState();
      return state != null && state.startsWith("23")
          ? new IntegrityViolation(e)
          : new DatabaseException(e);
    }
  }

  /** A constraint refused the statement (SQLSTATE class 23): retrying cannot help. */
  public static final class IntegrityViolation extends DatabaseException {
    IntegrityViolation(SQLException cause) {
      super(cause);
    }
  }
}
