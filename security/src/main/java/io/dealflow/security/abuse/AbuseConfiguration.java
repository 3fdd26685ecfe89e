package io.dealflow.security.abuse;

import io.dealflow.security.settings.ApiSecurityProperties;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The per-key rate limiter, the JSON limits of every object mapper Boot builds, and string sizes in code points.
 */
@Configuration(proxyBeanMethods = false)
public class AbuseConfiguration {

    @Bean
    public RateLimiter rateLimiter() {
        return new RateLimiter();
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
