package com.sendline.adapters.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresUrlTest {
    @Test
    void the_twelve_factor_form_becomes_a_jdbc_url_with_separate_credentials() {
        PostgresUrl url = PostgresUrl.parse("postgres://app:s%40cret@db.internal:6432/sendline?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/sendline?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret").doesNotContain("cret");
    }

    @Test
    void a_missing_port_means_5432_and_jdbc_urls_pass_through() {
        assertThat(PostgresUrl.parse("postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h:1/db?user=u").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:1/db?user=u");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h:1/db?user=u&password=p").toString())
                .isEqualTo("jdbc:postgresql://h:1/db");
    }

    @Test
    void malformed_addresses_are_refused_with_the_reason() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://h/db")).hasMessageContaining("must start with");
        assertThatThrownBy(() -> PostgresUrl.parse("postgres://h")).hasMessageContaining("names no database");
        assertThatThrownBy(() -> PostgresUrl.parse("postgres:// bad host/db")).hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> PostgresUrl.parse(" ")).hasMessageContaining("empty");
    }
}
