package io.dealflow.security.abuse;

import io.dealflow.security.ApiSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The per-key rate limiter and the JSON limits of every object mapper Boot builds.
 */
@Configuration(proxyBeanMethods = false)
public class AbuseConfiguration {

    @Bean
    public RateLimiter rateLimiter() {
        return new RateLimiter();
    }

    @Bean
    JsonLimits jsonLimits(ApiSecurityProperties properties) {
        return new JsonLimits(properties.maxJsonDepth());
    }
}
