package io.dealflow.webhooks;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * Creates or upgrades the module's tables (schema {@code webhooks}, migrations under {@code db/webhooks}) before its
 * processor and dispatcher start. The module keeps its own migration history, so it runs beside either side or alone.
 */
@Component
public class WebhookSchema implements InitializingBean {

    /** The PostgreSQL schema of the module. */
    public static final String SCHEMA = "webhooks";

    private final DataSource dataSource;

    WebhookSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table("flyway_history")
                .locations("classpath:db/webhooks")
                .load()
                .migrate();
    }
}
