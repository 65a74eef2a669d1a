package io.ormcalc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot serve now" (503), and which are bugs (500). */
class DatabaseTroubleTest {

  @Test
  void connection_trouble_an_exhausted_pool_and_a_shutting_down_server_are_unavailability() {
    assertThat(DatabaseTrouble.isUnavailable(new SQLException("refused", "08001"))).isTrue();
    assertThat(DatabaseTrouble.isUnavailable(new SQLException("too many clients", "53300")))
        .isTrue();
    assertThat(DatabaseTrouble.isUnavailable(new SQLException("shutting down", "57P01"))).isTrue();
    assertThat(
            DatabaseTrouble.isUnavailable(
                new SQLTransientConnectionException("Sorry, acquisition timeout!")))
        .isTrue();
    assertThat(
            DatabaseTrouble.isUnavailable(
                new IllegalStateException(
                    "wrapped", new RuntimeException(new ConnectException("refused")))))
        .isTrue();
  }

  @Test
  void a_constraint_a_syntax_error_or_a_plain_bug_is_not() {
    assertThat(DatabaseTrouble.isUnavailable(new SQLException("duplicate", "23505"))).isFalse();
    assertThat(DatabaseTrouble.isUnavailable(new SQLException("syntax", "42601"))).isFalse();
    assertThat(DatabaseTrouble.isUnavailable(new NullPointerException())).isFalse();
  }
}
