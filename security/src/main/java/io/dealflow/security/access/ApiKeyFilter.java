package io.dealflow.security.access;

import io.dealflow.events.EventMetadata;
import io.dealflow.security.abuse.RateLimiter;
import io.dealflow.security.apikey.ApiKey;
import io.dealflow.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Authenticates {@code Authorization: Bearer <key>}, names the key as the actor of whatever the request causes, and
 * applies the key's rate limit. A request without the header goes on anonymous (and is refused by the access rules
 * unless its endpoint is public); a header with a bad key is refused here with 401. Keys are never logged.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "bearer ";

    private final AuthenticationManager authenticationManager;
    private final AuthenticationEntryPoint entryPoint;
    private final RateLimiter rateLimiter;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(AuthenticationManager authenticationManager, AuthenticationEntryPoint entryPoint,
                 RateLimiter rateLimiter) {
        this.authenticationManager = authenticationManager;
        this.entryPoint = entryPoint;
        this.rateLimiter = rateLimiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiKey key;
        try {
            key = authenticate(header);
        } catch (AuthenticationException refused) {
            log.warn("Refused API key on {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), refused.getMessage());
            contexts.clearContext();
            entryPoint.commence(request, response, refused);
            return;
        }
        OptionalLong retryAfter = rateLimiter.retryAfterSeconds(key);
        if (retryAfter.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
            Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "this API key made more than " + key.rateLimitPer10s() + " requests in 10 seconds; retry after "
                            + retryAfter.getAsLong() + " s");
            return;
        }
        request.setAttribute(EventMetadata.REQUEST_ATTRIBUTE_PREFIX + EventMetadata.ACTOR, key.id());
        request.setAttribute(EventMetadata.REQUEST_ATTRIBUTE_PREFIX + EventMetadata.ACTOR_NAME, key.name());
        chain.doFilter(request, response);
    }

    private ApiKey authenticate(String header) {
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new MalformedHeader();
        }
        var authentication = authenticationManager.authenticate(new BearerKey(header.substring(BEARER.length())
                .trim()));
        var context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        return ((ApiKeyAuthentication) authentication).getPrincipal();
    }

    /** An Authorization header that is not {@code Bearer <key>}. */
    private static final class MalformedHeader extends AuthenticationException {
        MalformedHeader() {
            super("Authorization header is not 'Bearer <key>'");
        }
    }
}
