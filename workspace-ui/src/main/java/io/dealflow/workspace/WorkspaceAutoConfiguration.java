package io.dealflow.workspace;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Serves the workspace's pages with a Content-Security-Policy; Spring Boot serves the files themselves from
 * {@code META-INF/resources} and the WebJars.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WorkspaceAutoConfiguration {

    @Bean
    FilterRegistrationBean<WorkspaceHeaders> workspaceHeaders() {
        var registration = new FilterRegistrationBean<>(new WorkspaceHeaders());
        registration.addUrlPatterns("/*");
        // Outermost, so that the header is set however the request ends.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
