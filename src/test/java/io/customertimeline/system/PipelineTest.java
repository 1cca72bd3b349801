package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.TestApp;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Against the real database: statements sent together run in order, each with its own parameters, all or nothing. */
class PipelineTest {

    private static final Pipeline.Sql INSERT = Pipeline.Sql.of("INSERT INTO pipeline_probe (k, n) VALUES (:k, :n)");
    private static final Pipeline.Sql ADD = Pipeline.Sql.of("UPDATE pipeline_probe SET n = n + :n WHERE k = :k");

    private final TestApp app = TestApp.get();
    private final JdbcClient jdbc = app.jdbc();
    private final Pipeline pipeline = app.bean(Pipeline.class);
    private final Transactions transactions = app.bean(Transactions.class);

    @BeforeAll
    static void probeTable() {
        TestApp.get().jdbc().sql("CREATE TABLE IF NOT EXISTS pipeline_probe (k text PRIMARY KEY, n int)").update();
    }

    private static Pipeline.Statement statement(Pipeline.Sql sql, String k, Integer n) {
        return new Pipeline.Statement(sql, new MapSqlParameterSource().addValue("k", k).addValue("n", n));
    }

    @Test
    void eachStatementSeesTheOnesBeforeItKeepsItsOwnParametersAndReportsItsCount() {
        String a = TestApp.unique("a");
        String b = TestApp.unique("b");

        int[] counts = transactions.run(status -> pipeline.run(List.of(
                statement(INSERT, a, 1), statement(ADD, a, 10), statement(INSERT, b, null),
                statement(ADD, TestApp.unique("nobody"), 5), statement(ADD, a, 100))));

        assertThat(counts).containsExactly(1, 1, 1, 0, 1);
        assertThat(n(a)).as("1, then +10 seeing the insert, then +100").isEqualTo(111);
        assertThat(jdbc.sql("SELECT n IS NULL FROM pipeline_probe WHERE k = :k").param("k", b).query(Boolean.class).single())
                .as("a null parameter is bound as NULL").isTrue();
        int[] none = transactions.run(status -> pipeline.run(List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    void aRefusedStatementFailsTheCallAndItsTransactionKeepsNothingOfIt() {
        String taken = TestApp.unique("taken");
        String fresh = TestApp.unique("fresh");
        transactions.run(status -> pipeline.run(List.of(statement(INSERT, taken, 1))));

        assertThatThrownBy(() -> transactions.run(status -> pipeline.run(List.of(
                statement(INSERT, fresh, 1), statement(ADD, taken, 1), statement(INSERT, taken, 2)))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(count(fresh)).as("the statement before the refused one is rolled back with it").isZero();
        assertThat(n(taken)).isEqualTo(1);
    }

    @Test
    void deferredWritesWaitForTheEndOfTheScopeInOrderAndOutsideAScopeRunAtOnce() {
        String a = TestApp.unique("a");
        String b = TestApp.unique("b");

        long seenInside = transactions.run(status -> pipeline.deferring(() -> {
            pipeline.write(statement(INSERT, a, 1));
            pipeline.write(List.of(statement(ADD, a, 10), statement(INSERT, b, 2)));
            return count(a) + count(b);
        }));

        assertThat(seenInside).as("nothing was sent before the scope ended").isZero();
        assertThat(n(a)).as("sent in order: the insert, then +10 seeing it").isEqualTo(11);
        assertThat(n(b)).isEqualTo(2);
        String c = TestApp.unique("c");
        long seenAtOnce = transactions.run(status -> {
            pipeline.write(statement(INSERT, c, 3));
            return count(c);
        });
        assertThat(seenAtOnce).as("outside a scope a write runs at once").isEqualTo(1);
    }

    @Test
    void aScopeWhoseWorkFailsSendsNothingAndScopesDoNotNest() {
        String a = TestApp.unique("a");

        assertThatThrownBy(() -> transactions.run(status -> pipeline.deferring(() -> {
            pipeline.write(statement(INSERT, a, 1));
            throw new IllegalArgumentException("the work failed");
        }))).isInstanceOf(IllegalArgumentException.class);
        assertThat(count(a)).isZero();

        String b = TestApp.unique("b");
        assertThatThrownBy(() -> transactions.run(status -> pipeline.deferring(() -> pipeline.deferring(() -> 1))))
                .isInstanceOf(IllegalStateException.class);
        transactions.run(status -> {
            pipeline.write(statement(INSERT, b, 1));
            return null;
        });
        assertThat(count(b)).as("a failed scope leaves the thread without one: writes run at once again").isEqualTo(1);
    }

    private int n(String k) {
        return jdbc.sql("SELECT n FROM pipeline_probe WHERE k = :k").param("k", k).query(Integer.class).single();
    }

    private long count(String k) {
        return jdbc.sql("SELECT count(*) FROM pipeline_probe WHERE k = :k").param("k", k).query(Long.class).single();
    }
}
