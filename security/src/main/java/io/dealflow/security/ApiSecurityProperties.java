package io.dealflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Settings of API-key security, under {@code dealflow.security.*}.
 *
 * @param bootstrapKey            an operator key (every scope, every location) created on start when missing, kept
 *                                when present; null for none
 * @param rateLimitPer10s         requests per 10 seconds for keys created without their own limit
 * @param operatorRateLimitPer10s limit of operator keys created on start; null leaves them unlimited
 * @param maxBodySize             largest request body accepted (413 beyond)
 * @param maxImportSize           largest CSV import accepted (413 beyond); imports are streamed, never buffered
 * @param maxJsonDepth            deepest nesting of JSON objects and arrays accepted in a request body (400 beyond)
 * @param keyCacheTtl             how long an authenticated key is kept in memory at most; revocations evict it at
 *                                once on every instance, this bounds the rest (lost notifications); zero turns the
 *                                cache off
 */
@ConfigurationProperties("dealflow.security")
public record ApiSecurityProperties(String bootstrapKey,
                                    @DefaultValue("100") int rateLimitPer10s,
                                    Integer operatorRateLimitPer10s,
                                    @DefaultValue("1MB") DataSize maxBodySize,
                                    @DefaultValue("50MB") DataSize maxImportSize,
                                    @DefaultValue("32") int maxJsonDepth,
                                    @DefaultValue("30s") Duration keyCacheTtl) {
}
