package io.customertimeline.system;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Sends several statements whose results the caller needs only at the end in one round trip,
 * inside the caller's transaction: the driver sends each statement of a {@code ;}-separated
 * prepared statement as its own parse, bind and execute, and waits once. PostgreSQL runs them in
 * order, each seeing what the ones before it wrote. Each statement keeps its own named parameters.
 *
 * <p>Writes whose results nobody reads ({@link #write}) can be held back further: inside
 * {@link #deferring} they are collected, in order, and sent together when the scope ends, so that
 * everything one event writes (its profile and identities when it brings a new customer, its
 * source row, its timeline row, its statistics, its follow-up tasks) costs one round trip. The
 * scope is for work that reads nothing after its first deferred write; outside a scope they run
 * at once.
 */
@Component
public class Pipeline {

    private final JdbcTemplate jdbc;
    /** On a thread inside {@link #deferring}: the writes held back, in order. */
    private final ThreadLocal<List<Statement>> held = new ThreadLocal<>();

    Pipeline(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A statement's text with named parameters, parsed once (a constant of its feature). */
    public record Sql(String text, ParsedSql parsed) {

        public static Sql of(String text) {
            return new Sql(text, NamedParameterUtils.parseSqlStatement(text));
        }
    }

    /** One statement with its parameters. */
    public record Statement(Sql sql, SqlParameterSource params) {
    }

    /** A write whose result nobody reads: now, or, inside {@link #deferring}, when the scope ends. */
    public void write(Statement statement) {
        write(List.of(statement));
    }

    /** Writes whose results nobody reads, in order: now (one round trip), or held back as {@link #write(Statement)}. */
    public void write(List<Statement> statements) {
        List<Statement> writes = held.get();
        if (writes == null) {
            run(statements);
        } else {
            writes.addAll(statements);
        }
    }

    /**
     * Runs {@code work} with its {@link #write}s held back and sends them in one round trip before
     * returning; when {@code work} fails, they are dropped with the transaction they belonged to.
     */
    public <T> T deferring(Supplier<T> work) {
        if (held.get() != null) {
            throw new IllegalStateException("already deferring writes on this thread");
        }
        List<Statement> writes = new ArrayList<>();
        held.set(writes);
        T result;
        try {
            result = work.get();
        } finally {
            held.remove();
        }
        run(writes);
        return result;
    }

    /** Runs the statements in order in one round trip; returns each one's update count. */
    public int[] run(List<Statement> statements) {
        if (statements.isEmpty()) {
            return new int[0];
        }
        StringBuilder sql = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (Statement s : statements) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(NamedParameterUtils.substituteNamedParameters(s.sql().parsed(), s.params()));
            values.addAll(Arrays.asList(NamedParameterUtils.buildValueArray(s.sql().parsed(), s.params(), null)));
        }
        return jdbc.execute(sql.toString(), (PreparedStatementCallback<int[]>) ps -> {
            new ArgumentPreparedStatementSetter(values.toArray()).setValues(ps);
            return counts(ps, statements.size());
        });
    }

    private static int[] counts(PreparedStatement ps, int expected) throws SQLException {
        int[] counts = new int[expected];
        int i = 0;
        boolean rows = ps.execute();
        while (i < expected) {
            int count = rows ? -1 : ps.getUpdateCount();
            if (!rows && count == -1) {
                break;
            }
            counts[i++] = count;
            rows = ps.getMoreResults();
        }
        if (i != expected) {
            throw new IllegalStateException(expected + " statements sent, " + i + " answered");
        }
        return counts;
    }
}
