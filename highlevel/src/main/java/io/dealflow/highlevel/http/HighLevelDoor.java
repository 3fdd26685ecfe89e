package io.dealflow.highlevel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.EventMetadata;
import io.dealflow.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Marks requests to HighLevel's paths ({@code /opportunities/...}) before security and every controller run: their
 * commands record the door {@code highlevel} in event metadata, and refusals from the filters (security: 401, 403, 429,
 * 413; {@code Idempotency-Key}: 400, 409, 422) come in HighLevel's error shape instead of problem details.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class HighLevelDoor extends OncePerRequestFilter implements Problems.ShapedPaths {

    private static final String ROOT = "/opportunities";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether a path (without the context path) belongs to the HighLevel door. */
    public static boolean covers(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    /** HighLevel's shape for its paths, also for errors Tomcat or Spring answer before this filter runs. */
    @Override
    public Problems.RefusalShape shapeFor(String path) {
        return covers(path) ? HighLevelDoor::writeRefusal : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !covers(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(EventMetadata.REQUEST_ATTRIBUTE_PREFIX + EventMetadata.DOOR, EventMetadata.HIGHLEVEL_DOOR);
        request.setAttribute(Problems.SHAPE_ATTRIBUTE, (Problems.RefusalShape) HighLevelDoor::writeRefusal);
        chain.doFilter(request, response);
    }

    private static void writeRefusal(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // HighLevel answers every 422 with its messages as an array (an Idempotency-Key reused for another body, say).
        JSON.writeValue(response.getOutputStream(), status == HttpStatus.UNPROCESSABLE_ENTITY
                ? HighLevelError.invalid(List.of(detail)) : HighLevelError.of(status, detail));
    }
}
