package io.dealflow.standalone;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * Gives the standalone server an embedded PostgreSQL unless {@code spring.datasource.url} points it at an external
 * one, in which case Spring Boot's own data source takes over and nothing is started. The database itself is started
 * early, in parallel with the context, by {@link EmbeddedDatabaseEarlyStart}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    static boolean isWanted(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").isEmpty();
    }

    @Bean
    DataSource dataSource(EmbeddedDatabaseStart embeddedDatabaseStart) {
        return embeddedDatabaseStart.await().dataSource();
    }
}
