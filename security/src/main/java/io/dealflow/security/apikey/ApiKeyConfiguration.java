package io.dealflow.security.apikey;

import io.dealflow.security.settings.ApiSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The key store with its cache and the listener that keeps the cache honest, its schema, the operator key made on
 * start, and the key management API.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyConfiguration.class);

    @Bean
    SecuritySchema securitySchema(DataSource dataSource) {
        return new SecuritySchema(dataSource);
    }

    @Bean
    KeyCache apiKeyCache(ApiSecurityProperties properties) {
        return new KeyCache(properties.keyCacheTtl(), System::nanoTime);
    }

    @Bean
    @DependsOn("securitySchema")
    KeyChangeListener apiKeyChangeListener(KeyCache cache, DataSource dataSource) {
        return new KeyChangeListener(cache, listenerConnections(dataSource));
    }

    @Bean
    @DependsOn("securitySchema")
    public ApiKeys apiKeys(JdbcTemplate jdbc, KeyCache cache) {
        return new ApiKeys(jdbc, Clock.systemUTC(), cache);
    }

    @Bean
    OperatorKey operatorKey(ApiKeys keys, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                            ApiSecurityProperties properties, @Value("${dealflow.data-dir:./data}") Path dataDir) {
        return new OperatorKey(keys, jdbc, new TransactionTemplate(transactionManager), properties.bootstrapKey(),
                properties.operatorRateLimitPer10s(), dataDir);
    }

    @Bean
    ApiKeyController apiKeyController(ApiKeys keys, ApiSecurityProperties properties) {
        return new ApiKeyController(keys, properties.rateLimitPer10s());
    }

    @Bean
    SecurityErrorHandler securityErrorHandler() {
        return new SecurityErrorHandler();
    }

    /**
     * A connection of its own, beside the pool, when the pool's settings can be read, so that listening for key
     * changes takes no connection from the requests; otherwise one from the pool, held for as long as it works.
     */
    private static KeyChangeListener.Connections listenerConnections(DataSource dataSource) {
        try {
            DataSource unpooled = DataSourceBuilder.derivedFrom(dataSource).type(SimpleDriverDataSource.class).build();
            return unpooled::getConnection;
        } catch (RuntimeException e) {
            log.info("The API key change listener holds a pooled connection: cannot derive an unpooled data source"
                    + " from {} ({})", dataSource.getClass().getName(), e.getMessage());
            return dataSource::getConnection;
        }
    }
}
