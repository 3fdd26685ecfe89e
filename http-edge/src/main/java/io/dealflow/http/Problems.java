package io.dealflow.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem details with dealflow's stable types ({@code https://dealflow.io/problems/<code>}), built for
 * controllers and written directly by filters that answer before any controller runs.
 */
public final class Problems {

    /** Base of every problem type. */
    public static final String TYPE_BASE = "https://dealflow.io/problems/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** A problem with the type for {@code code}, the status's reason phrase as title, and a human detail. */
    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /**
     * Request attribute a door with an error format of its own (the HighLevel-compatible API) sets to a
     * {@link RefusalShape}, before security runs, so refusals of its requests come in its format.
     */
    public static final String SHAPE_ATTRIBUTE = Problems.class.getName() + ".shape";

    /** Writes a refusal as the whole answer to a request in another format than problem details. */
    @FunctionalInterface
    public interface RefusalShape {

        void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException;
    }

    /**
     * A door that answers its paths' errors in a shape of its own, asked by path for errors raised before its filter
     * set {@link #SHAPE_ATTRIBUTE} (Tomcat's refusals of malformed requests, errors of earlier filters).
     */
    @FunctionalInterface
    public interface ShapedPaths {

        /** The door's shape when the path (without the context path) is one of its paths; null otherwise. */
        RefusalShape shapeFor(String path);
    }

    /**
     * Writes a problem as the whole answer to a request, as {@code application/problem+json}, or in the request's
     * {@link #SHAPE_ATTRIBUTE} format when it has one.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                             String detail) throws IOException {
        if (request.getAttribute(SHAPE_ATTRIBUTE) instanceof RefusalShape shape) {
            shape.write(response, status, code, detail);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getOutputStream(), body);
    }
}
