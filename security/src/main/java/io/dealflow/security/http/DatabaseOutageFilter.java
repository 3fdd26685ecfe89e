package io.dealflow.security.http;

import io.dealflow.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Answers 503 with {@code Retry-After} to every request that failed because the database could not be reached,
 * whichever module's controller or filter (API key lookup, idempotency keys) met the failure: problem details, or
 * the door's own shape ({@link Problems#SHAPE_ATTRIBUTE}). It wraps the whole filter chain, so the modules' advices
 * stay as they are and an outage is never a 500.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final long retryAfterSeconds;

    DatabaseOutageFilter(long retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (!DatabaseOutage.isCause(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("{} {} answered 503: the database is unreachable ({})", request.getMethod(),
                    request.getRequestURI(), innermost(failure).toString());
            response.reset();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                    "the database is unreachable or did not answer in time; retry after " + retryAfterSeconds + " s");
        }
    }

    private static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause.getCause() != null && cause.getCause() != cause && depth < 32; depth++) {
            cause = cause.getCause();
        }
        return cause;
    }
}
