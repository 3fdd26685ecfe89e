package io.dealflow.webhooks;

import io.dealflow.eventstore.EventStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Loads the webhooks module into whichever application has it on its class path: the standalone server or a
 * deployment of its own. It holds no beans itself, so an application that also component-scans
 * {@code io.dealflow} registers every webhook bean once (the scanner skips a class it already registered).
 */
@AutoConfiguration(after = EventStoreAutoConfiguration.class)
@ComponentScan(basePackages = "io.dealflow.webhooks",
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM,
                classes = {TypeExcludeFilter.class, AutoConfigurationExcludeFilter.class}))
public class WebhooksAutoConfiguration {
}
