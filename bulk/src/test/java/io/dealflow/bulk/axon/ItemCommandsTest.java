package io.dealflow.bulk.axon;

import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which errors of an item a job waits out (the database away) and which count against the item (anything else).
 */
class ItemCommandsTest {

    @Test
    void takesAnUnreachableOrDroppedDatabaseForTheDatabaseBeingAway() {
        assertThat(ItemCommands.databaseAway(new CannotGetJdbcConnectionException("no connection within 1 s")))
                .isTrue();
        assertThat(ItemCommands.databaseAway(new QueryTimeoutException("statement timeout"))).isTrue();
        assertThat(ItemCommands.databaseAway(new IllegalStateException("wrapped",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(ItemCommands.databaseAway(new UncategorizedSQLException("commit", "COMMIT",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
    }

    @Test
    void countsAnyOtherErrorAgainstTheItem() {
        assertThat(ItemCommands.databaseAway(new SerializationException("Error while deserializing object")))
                .isFalse();
        assertThat(ItemCommands.databaseAway(new IllegalStateException("a bug"))).isFalse();
        assertThat(ItemCommands.databaseAway(new DataIntegrityViolationException("value too long",
                new SQLException("value too long for type character varying(36)", "22001")))).isFalse();
    }
}
