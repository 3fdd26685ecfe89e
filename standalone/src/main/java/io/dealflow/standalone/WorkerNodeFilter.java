package io.dealflow.standalone;

import io.dealflow.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * On a node without the {@code api} role, answers everything but {@code /actuator/**} (health for the orchestrator,
 * metrics for the operator) with 404 naming the node's roles: the balancer should never send API requests to it, and
 * when it does by mistake the answer says why instead of changing anything.
 */
final class WorkerNodeFilter extends OncePerRequestFilter {

    private final String roles;

    WorkerNodeFilter(String roles) {
        this.roles = roles;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(request, response, HttpStatus.NOT_FOUND, "not-an-api-node",
                "This node runs the roles " + roles + " and serves no API; send API requests to a node with the api"
                        + " role (dealflow.roles)");
    }
}
