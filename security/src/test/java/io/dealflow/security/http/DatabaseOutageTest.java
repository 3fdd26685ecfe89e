package io.dealflow.security.http;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures that mean "the database cannot be reached" are told apart from every other failure, however deep they
 * are wrapped.
 */
class DatabaseOutageTest {

    @Test
    void recognisesAPoolThatFoundNoConnection() {
        var timedOut = new SQLTransientConnectionException("dealflow - Connection is not available, request timed out",
                "08001", new ConnectException("Connection refused"));

        assertThat(DatabaseOutage.isCause(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                timedOut))).isTrue();
        assertThat(DatabaseOutage.isCause(new CannotCreateTransactionException("Could not open JDBC Connection",
                timedOut))).isTrue();
    }

    @Test
    void recognisesConnectionFailureStatesDeepInAWrapper() {
        var broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        var axonLike = new IllegalStateException("Failed to append events",
                new RuntimeException("wrapped", broken));

        assertThat(DatabaseOutage.isCause(axonLike)).isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(new SQLException("starting up", "57P03")))).isTrue();
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(DatabaseOutage.isCause(new DuplicateKeyException("duplicate key",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException("bad"))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalArgumentException("bad input"))).isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("syntax", "42601"))).isFalse();
    }
}
