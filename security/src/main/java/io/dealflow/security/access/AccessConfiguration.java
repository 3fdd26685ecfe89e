package io.dealflow.security.access;

import io.dealflow.security.ApiSecurityProperties;
import io.dealflow.security.abuse.BodySizeLimit;
import io.dealflow.security.abuse.ContentTypeFilter;
import io.dealflow.security.abuse.StorableTextFilter;
import io.dealflow.security.abuse.RateLimiter;
import io.dealflow.security.apikey.ApiKeys;
import io.dealflow.security.http.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The one security filter chain: stateless, API keys as bearer tokens, the access table deciding every request, and
 * body limits applied only to requests that passed it.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    @Bean
    public AccessRules accessRules() {
        return new AccessRules();
    }

    /** Also keeps Boot from creating its default user with a generated password. */
    @Bean
    public AuthenticationManager apiKeyAuthenticationManager(ApiKeys keys) {
        return new ProviderManager(new ApiKeyAuthenticationProvider(keys));
    }

    @Bean
    public SecurityFilterChain apiKeySecurityFilterChain(HttpSecurity http, AccessRules rules,
                                                         AuthenticationManager apiKeyAuthenticationManager,
                                                         RateLimiter rateLimiter, ApiSecurityProperties properties)
            throws Exception {
        ApiKeyEntryPoint entryPoint = new ApiKeyEntryPoint();
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new AccessDeniedProblems()))
                .authorizeHttpRequests(requests -> requests
                        // Error and async dispatches continue a request that was already decided.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .anyRequest().access(rules))
                .addFilterBefore(new ApiKeyFilter(apiKeyAuthenticationManager, entryPoint, rateLimiter),
                        AnonymousAuthenticationFilter.class)
                // Before the key is looked up: a header or parameter PostgreSQL cannot hold never reaches a query, and
                // a body type nothing can read is refused before anything parses the request.
                .addFilterBefore(new StorableTextFilter(), ApiKeyFilter.class)
                .addFilterBefore(new ContentTypeFilter(), StorableTextFilter.class)
                .addFilterAfter(new BodySizeLimit(properties.maxBodySize().toBytes(),
                        properties.maxImportSize().toBytes()), AuthorizationFilter.class)
                .build();
    }

    /** Paths the firewall refuses (encoded slashes, path traversal, ...) get a problem, not an HTML error page. */
    @Bean
    public RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> Problems.write(request, response, HttpStatus.BAD_REQUEST,
                "bad-request", "the request path or headers are not allowed");
    }
}
