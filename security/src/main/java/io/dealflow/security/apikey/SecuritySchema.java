package io.dealflow.security.apikey;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;

/**
 * Creates or upgrades the key table (schema {@code security}, migrations under {@code db/security}) with its own
 * migration history, so the module works beside either side or both.
 */
class SecuritySchema implements InitializingBean {

    private final DataSource dataSource;

    SecuritySchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("security")
                .table("flyway_history")
                .locations("classpath:db/security")
                .load()
                .migrate();
    }
}
