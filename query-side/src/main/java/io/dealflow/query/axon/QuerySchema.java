package io.dealflow.query.axon;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * Creates or upgrades the query side's own tables (schema {@code read_model}, migrations under {@code db/query})
 * before any processor starts. Each side keeps its own migration history, so either can run alone or both together.
 */
@Component
public class QuerySchema implements InitializingBean {

    /** The PostgreSQL schema of the read model. */
    public static final String SCHEMA = "read_model";

    private final DataSource dataSource;

    QuerySchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table("flyway_history")
                .locations("classpath:db/query")
                .load()
                .migrate();
    }
}
