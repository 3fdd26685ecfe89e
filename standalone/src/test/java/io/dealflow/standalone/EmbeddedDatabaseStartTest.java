package io.dealflow.standalone;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded PostgreSQL starts in the background before the context is refreshed, only when no external database is
 * configured, and is stopped by closing the context, whatever state its start is in.
 */
class EmbeddedDatabaseStartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void startsBeforeTheRefreshAndStopsWithTheContext() {
        GenericApplicationContext context = preparedContext(new MockEnvironment()
                .withProperty("dealflow.data-dir", dataDirectory.toString()));

        EmbeddedDatabaseStart start = context.getBean(EmbeddedDatabaseStart.class);
        Integer answer = new JdbcTemplate(start.await().dataSource()).queryForObject("SELECT 1", Integer.class);
        assertThat(answer).isEqualTo(1);
        assertThat(postmasterPid()).exists();

        context.close();
        assertThat(postmasterPid()).doesNotExist();
    }

    @Test
    void startsNothingWhenAnExternalDatabaseIsConfigured() {
        GenericApplicationContext context = preparedContext(new MockEnvironment()
                .withProperty("dealflow.data-dir", dataDirectory.toString())
                .withProperty("spring.datasource.url", "jdbc:postgresql://localhost:5432/elsewhere"));

        assertThat(context.containsBeanDefinition(EmbeddedDatabaseEarlyStart.BEAN_NAME)).isFalse();
        assertThat(dataDirectory.resolve("postgres")).doesNotExist();
        context.close();
    }

    @Test
    void reportsADataDirectoryHeldByAnotherServerWhenAwaited() throws Exception {
        try (EmbeddedDatabaseStart first = EmbeddedDatabaseStart.begin(dataDirectory, pool(2))) {
            first.await();
            EmbeddedDatabaseStart second = EmbeddedDatabaseStart.begin(dataDirectory, pool(2));

            assertThatThrownBy(second::await).isInstanceOf(DataDirectoryInUse.class);
            second.close();
            assertThat(postmasterPid()).as("the first server's database still runs").exists();
        }
        assertThat(postmasterPid()).doesNotExist();
    }

    @Test
    void restartsPostgresWhenItsPostmasterDiesKeepingTheData() throws Exception {
        try (EmbeddedDatabaseStart start = EmbeddedDatabaseStart.begin(dataDirectory, pool(2))) {
            EmbeddedDatabase database = start.await();
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            jdbc.execute("CREATE TABLE kept (id int PRIMARY KEY)");
            jdbc.update("INSERT INTO kept VALUES (1)");
            long killed = database.postmasterPid().orElseThrow();

            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            // The pool keeps its address: only a restart on the same port lets it reconnect.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                assertThat(database.postmasterPid()).isPresent().isNotEqualTo(OptionalLong.of(killed));
                assertThat(jdbc.queryForObject("SELECT count(*) FROM kept", Integer.class)).isEqualTo(1);
            });
        }
        assertThat(postmasterPid()).doesNotExist();
    }

    private static HikariConfig pool(int size) {
        HikariConfig pool = new HikariConfig();
        pool.setMaximumPoolSize(size);
        pool.setConnectionTimeout(1000);
        return pool;
    }

    private Path postmasterPid() {
        return dataDirectory.resolve("postgres").resolve("postmaster.pid");
    }

    private static GenericApplicationContext preparedContext(MockEnvironment environment) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        new EmbeddedDatabaseEarlyStart().onApplicationEvent(
                new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
        context.refresh();
        return context;
    }
}
