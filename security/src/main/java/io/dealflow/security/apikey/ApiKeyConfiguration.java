package io.dealflow.security.apikey;

import io.dealflow.security.ApiSecurityProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The key store, its schema, the operator key made on start, and the key management API.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeyConfiguration {

    @Bean
    SecuritySchema securitySchema(DataSource dataSource) {
        return new SecuritySchema(dataSource);
    }

    @Bean
    @DependsOn("securitySchema")
    public ApiKeys apiKeys(JdbcTemplate jdbc) {
        return new ApiKeys(jdbc, Clock.systemUTC());
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
}
