package io.dealflow.standalone;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What a node without the {@code api} role changes in this process: its HTTP port answers only the actuator
 * ({@link WorkerNodeFilter}). The other roles are switches the modules read ({@link NodeRoles}).
 */
@Configuration(proxyBeanMethods = false)
class NodeRolesConfiguration {

    @Bean
    @ConditionalOnProperty(name = "dealflow.api.enabled", havingValue = "false")
    FilterRegistrationBean<WorkerNodeFilter> workerNodeFilter(@Value("${dealflow.roles.effective}") String roles) {
        FilterRegistrationBean<WorkerNodeFilter> registration = new FilterRegistrationBean<>(new WorkerNodeFilter(roles));
        // Before the security filters: a worker node has no API keys to check for requests it will not serve.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setName("workerNodeFilter");
        return registration;
    }
}
