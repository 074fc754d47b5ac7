package com.sendline.adapters.postgres;

import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.time.Duration;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement that finds its rows through arrays must not keep a plan made for the table as it once was: a batch
 * update first run on an empty table would otherwise keep a sequential scan while the table grows (settling webhook events
 * slowed from 2.6 ms to 17-25 ms a statement that way). One pooled connection, so every call and every look at
 * {@code pg_prepared_statements} sees the same session.
 */
class BatchStatementPlansTest {
    private static final String BATCH = "update items i set seen = true from unnest(?::bigint[]) as s(id) where i.id = s.id";
    private static final String SINGLE = "update items set seen = true where id = ?";
    private static final String INSERT = "insert into items (id) select id from unnest(?::bigint[]) as s(id)";

    private TestDatabase schema;
    private Schemas schemas;
    private Sql sql;

    @BeforeEach
    void setUp() {
        schema = TestServices.freshDatabase();
        schemas = new Schemas();
        sql = Database.primaryOnly(schemas.pool(schema, 1, Duration.ofSeconds(5))).write();
        sql.update("create table items (id bigint primary key, seen boolean not null default false)", ps -> { });
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        schema.close();
    }

    @Test
    void a_batch_statement_is_planned_for_the_table_as_it_is_now_on_every_call() {
        for (int call = 0; call < 10; call++) {
            sql.update(BATCH, ps -> ps.setArray(1, ids(ps.getConnection(), 1, 100)));
        }
        sql.update("insert into items (id) select g from generate_series(1, 50000) g", ps -> { });

        int updated = sql.update(BATCH, ps -> ps.setArray(1, ids(ps.getConnection(), 49_901, 50_000)));

        assertThat(updated).isEqualTo(100);
        assertThat(preparedOnServer("unnest(")).as("no plan kept for the batch statement").isZero();
    }

    @Test
    void single_row_statements_and_inserts_from_arrays_keep_their_prepared_plans() {
        for (int call = 0; call < 10; call++) {
            long id = call;
            sql.update(SINGLE, ps -> ps.setLong(1, id));
            sql.update(INSERT, ps -> ps.setArray(1, ids(ps.getConnection(), 1_000 + id * 10, 1_009 + id * 10)));
        }

        assertThat(preparedOnServer("where id = $1")).isEqualTo(1);
        assertThat(preparedOnServer("insert into items (id) select id from unnest(")).isEqualTo(1);
    }

    private long preparedOnServer(String fragment) {
        return sql.one("select count(*) from pg_prepared_statements where statement like ?",
                ps -> ps.setString(1, "%" + fragment + "%"), rs -> rs.getLong(1)).orElseThrow();
    }

    private static Array ids(java.sql.Connection c, long from, long to) throws java.sql.SQLException {
        return c.createArrayOf("bigint", LongStream.rangeClosed(from, to).boxed().toArray());
    }
}
