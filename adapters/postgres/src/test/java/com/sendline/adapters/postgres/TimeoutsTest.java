package com.sendline.adapters.postgres;

import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** No thread waits forever: not on a slow query, not on a lock, not on an exhausted pool. */
class TimeoutsTest {
    private TestDatabase schema;
    private Schemas schemas;

    @BeforeEach
    void setUp() {
        schema = TestServices.freshDatabase();
        schemas = new Schemas();
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        schema.close();
    }

    @Test
    void a_query_running_past_the_timeout_is_cancelled_by_the_server() {
        Database db = Database.primaryOnly(schemas.pool(schema, 2, Duration.ofSeconds(1)));

        DatabaseException failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                db.write().one("select pg_sleep(30)", ps -> { }, rs -> 1);
                return null;
            } catch (DatabaseException e) {
                return e;
            }
        });
        assertThat(failure).isNotNull();
        assertThat(failure.isTimeout()).as("SQLSTATE 57014 query_canceled, got " + failure.sqlState()).isTrue();
        // and the pool is still usable afterwards
        assertThat(db.write().one("select 42", ps -> { }, rs -> rs.getInt(1))).contains(42);
    }

    @Test
    void waiting_for_a_lock_held_elsewhere_gives_up_after_the_timeout() throws Exception {
        var pool = schemas.pool(schema, 2, Duration.ofSeconds(1));
        Database db = Database.primaryOnly(pool);
        db.write().update("create table t (id int primary key)", ps -> { });
        db.write().update("insert into t values (1)", ps -> { });
        try (Connection holder = pool.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("update t set id = 1 where id = 1");

            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> db.write().update("update t set id = 1 where id = 1", ps -> { })))
                    .isInstanceOf(DatabaseException.class);
            holder.rollback();
        }
    }

    @Test
    void an_exhausted_pool_refuses_after_the_connect_timeout_instead_of_blocking() throws Exception {
        var pool = schemas.pool(schema, 1, Duration.ofSeconds(1));
        try (Connection ignored = pool.getConnection()) {
            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> pool.getConnection()))
                    .isInstanceOf(SQLTransientConnectionException.class);
        }
    }
}
