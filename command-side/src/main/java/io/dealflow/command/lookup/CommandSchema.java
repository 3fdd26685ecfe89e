package io.dealflow.command.lookup;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * Creates or upgrades the command side's own tables (schema {@code command_model}, migrations under
 * {@code db/command}) before the first command arrives. Each side keeps its own migration history, so either can run
 * alone or both together on one database.
 */
@Component
class CommandSchema implements InitializingBean {

    private final DataSource dataSource;

    CommandSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("command_model")
                .table("flyway_history")
                .locations("classpath:db/command")
                .load()
                .migrate();
    }
}
