package io.dealflow.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Map;

/**
 * Spring's error page ({@code /error}, where the servlet container forwards whatever a filter or controller left as
 * an error status or exception) answered as a problem, in the door's shape for a door's paths; it replaces Boot's
 * {@code BasicErrorController}, whose JSON or HTML is neither. Whatever the request's {@code Accept} header says.
 */
@RestController
class ErrorEdge implements ErrorController {

    /** Problem codes of the statuses the container and Spring answer on their own. */
    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "bad-request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"), Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
            Map.entry(408, "request-timeout"), Map.entry(411, "length-required"),
            Map.entry(413, "payload-too-large"), Map.entry(414, "uri-too-long"),
            Map.entry(415, "unsupported-media-type"), Map.entry(431, "headers-too-large"),
            Map.entry(500, "internal-error"), Map.entry(501, "not-implemented"), Map.entry(503, "unavailable"),
            Map.entry(505, "http-version-not-supported"));

    private final ObjectProvider<Problems.ShapedPaths> doors;

    ErrorEdge(ObjectProvider<Problems.ShapedPaths> doors) {
        this.doors = doors;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String text ? text.substring(Math.min(text.length(),
                request.getContextPath().length())) : request.getRequestURI();
        shape(request, path, doors);
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        Problems.write(request, response, status, code(status), detail(status));
    }

    /** Sets the shape of the door whose path this is, unless the door's filter set it already. */
    static void shape(HttpServletRequest request, String path, ObjectProvider<Problems.ShapedPaths> doors) {
        if (request.getAttribute(Problems.SHAPE_ATTRIBUTE) != null || path == null) {
            return;
        }
        doors.orderedStream().map(door -> door.shapeFor(path)).filter(shape -> shape != null).findFirst()
                .ifPresent(shape -> request.setAttribute(Problems.SHAPE_ATTRIBUTE, shape));
    }

    static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static String code(HttpStatus status) {
        return CODES.getOrDefault(status.value(), status.is4xxClientError() ? "bad-request" : "internal-error");
    }

    /** Fixed texts: the container's own messages may name internals (and exceptions must not leak). */
    static String detail(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "the request is malformed: its request line, path, query or headers cannot be read";
            case 404 -> "no resource at this path";
            case 405 -> "this path does not take this method";
            case 413 -> "the request body is too large";
            case 414 -> "the request line is too long";
            case 431 -> "the request headers are too large";
            default -> status.is5xxServerError() ? "the server could not answer this request; try again later"
                    : status.getReasonPhrase();
        };
    }
}
