package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An event's optional texts (a summary, a status, a currency) are null in one event and given in
 * the next. The pool's connections must keep such a statement prepared on the server across that,
 * or PostgreSQL parses and plans it again for most events.
 */
class PreparedStatementsTest {

    private static final String SQL = "SELECT concat(CAST(:first AS text), CAST(:second AS text))";
    private static final String ON_THE_SERVER = "SELECT concat(CAST($1 AS text), CAST($2 AS text))";
    private static final int EXECUTIONS = 20;

    @Test
    void aStatementWhoseOptionalTextsComeAndGoStaysPreparedOnTheServer() throws SQLException {
        DataSource pool = TestApp.get().bean(DataSource.class);
        try (Connection connection = pool.getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            for (int i = 0; i < EXECUTIONS; i++) {
                String first = i % 2 == 0 ? null : "summary";
                String second = i % 2 == 0 ? "status" : null;
                String answer = jdbc.sql(SQL).param("first", first).param("second", second).query(String.class).single();
                assertThat(answer).isIn("summary", "status");
            }
            // the driver sends the first few executions unprepared; every later one must reuse one
            // server-side statement, where typed parameters made it prepare a new one on each switch
            long reused = jdbc.sql("""
                    SELECT coalesce(max(generic_plans + custom_plans), 0)
                    FROM pg_prepared_statements WHERE statement = :sql
                    """).param("sql", ON_THE_SERVER).query(Long.class).single();
            assertThat(reused).isGreaterThanOrEqualTo(EXECUTIONS - 5);
        }
    }
}
