package io.dealflow.security;

import io.dealflow.http.ErrorEdgeConfiguration;
import io.dealflow.security.abuse.AbuseConfiguration;
import io.dealflow.security.access.AccessConfiguration;
import io.dealflow.security.apikey.ApiKeyConfiguration;
import io.dealflow.security.http.DatabaseOutageConfiguration;
import io.dealflow.security.settings.ApiSecurityProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * API-key security for whichever side (or both) runs in this JVM: keys and their admin API, the access rules, the
 * abuse limits, the one error edge and the 503 answer to requests that met a database outage. Ordered before Boot's
 * security auto-configuration so its default chain (HTTP Basic with a generated password) never comes up, and before
 * Boot's error page, which gives way to ours.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
@Import({ApiKeyConfiguration.class, AccessConfiguration.class, AbuseConfiguration.class, ErrorEdgeConfiguration.class,
        DatabaseOutageConfiguration.class})
public class ApiSecurityAutoConfiguration {
}
