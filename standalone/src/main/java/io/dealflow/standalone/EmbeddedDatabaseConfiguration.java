package io.dealflow.standalone;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Gives the standalone server an embedded PostgreSQL unless {@code spring.datasource.url} points it at an external
 * one, in which case Spring Boot's own data source takes over and nothing is started.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(@Value("${dealflow.data-dir:./data}") Path dataDirectory,
                                      @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
        return EmbeddedDatabase.start(dataDirectory, poolSize);
    }

    @Bean
    DataSource dataSource(EmbeddedDatabase database) {
        return database.dataSource();
    }
}
