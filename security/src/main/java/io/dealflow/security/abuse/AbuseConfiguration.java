package io.dealflow.security.abuse;

import io.dealflow.security.settings.ApiSecurityProperties;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Configuration;

import java.util.UUID;

/**
 * The per-key rate limiter, the JSON limits of every object mapper Boot builds, and string sizes in code points.
 */
@Configuration(proxyBeanMethods = false)
public class AbuseConfiguration {

    @Bean
    public RateLimiter rateLimiter() {
        return new RateLimiter();
    }

    /**
     * With several api nodes on one database ({@code dealflow.security.shared-rate-limits}, set by the standalone
     * server's {@code api} role), the limiter shares each key's limit with them.
     */
    @Bean
    @DependsOn("securitySchema")
    @ConditionalOnProperty(name = "dealflow.security.shared-rate-limits", havingValue = "true")
    SharedRateCounts sharedRateCounts(JdbcTemplate jdbc, RateLimiter limiter,
                                      @Value("${dealflow.security.node-id:}") String nodeId) {
        return new SharedRateCounts(jdbc, nodeId.isBlank() ? "api-" + UUID.randomUUID() : nodeId, limiter);
    }

    /** Every {@code @Size} on a string counts code points ({@link CodePointSize}). */
    @Bean
    ValidationConfigurationCustomizer codePointSizes() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                ConstraintMapping mapping = hibernate.createConstraintMapping();
                mapping.constraintDefinition(Size.class).includeExistingValidators(true)
                        .validatedBy(CodePointSize.class);
                hibernate.addMapping(mapping);
            }
        };
    }

    @Bean
    JsonLimits jsonLimits(ApiSecurityProperties properties) {
        return new JsonLimits(properties.maxJsonDepth());
    }
}
