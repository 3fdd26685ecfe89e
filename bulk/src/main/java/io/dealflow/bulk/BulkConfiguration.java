package io.dealflow.bulk;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the module's settings.
 */
@Configuration
@EnableConfigurationProperties(BulkProperties.class)
public class BulkConfiguration {
}
