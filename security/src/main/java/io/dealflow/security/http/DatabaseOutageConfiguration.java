package io.dealflow.security.http;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the {@link DatabaseOutageFilter} outermost, before the HighLevel door marks its requests and before the
 * security filters look keys up, so it sees every failure on the way out.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseOutageConfiguration {

    /** How long a client should wait; the standalone server's watchdog restarts its PostgreSQL within seconds. */
    static final long RETRY_AFTER_SECONDS = 5;

    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter() {
        FilterRegistrationBean<DatabaseOutageFilter> registration =
                new FilterRegistrationBean<>(new DatabaseOutageFilter(RETRY_AFTER_SECONDS));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("databaseOutageFilter");
        return registration;
    }
}
