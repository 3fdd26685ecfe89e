package io.dealflow.bulk;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * Creates or upgrades the module's tables (schema {@code bulk}, migrations under {@code db/bulk}) before its worker
 * starts. The module keeps its own migration history, like every module.
 */
@Component
public class BulkSchema implements InitializingBean {

    /** The PostgreSQL schema of the module. */
    public static final String SCHEMA = "bulk";

    private final DataSource dataSource;

    BulkSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table("flyway_history")
                .locations("classpath:db/bulk")
                .load()
                .migrate();
    }
}
