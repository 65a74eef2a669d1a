package io.ormcalc.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void a_database_url_becomes_jdbc_settings() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://calc:s%40cret@db.internal:5433/ormcalc?sslmode=require");

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:5433/ormcalc?sslmode=require");
    assertThat(url.username()).isEqualTo("calc");
    assertThat(url.password()).isEqualTo("s@cret");
    assertThat(url.toString()).doesNotContain("s@cret");
  }

  @Test
  void the_postgres_scheme_and_a_url_without_credentials_are_accepted() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://localhost/test");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/test");
    assertThat(url.username()).isNull();
  }

  @Test
  void other_urls_are_refused_without_echoing_them() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://host-only"))
        .hasMessageContaining("host and a database");
  }
}
