package io.dealflow.query.http;

import io.dealflow.http.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;
import java.util.Map;

/**
 * Turns the query side's refusals into RFC 9457 problem details. Scoped to the query controllers, so the command
 * side's handler can sit beside it in the standalone server.
 */
@RestControllerAdvice(basePackages = "io.dealflow.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryErrorHandler {

    /** Seconds a client should wait before asking again when projections lag. */
    private static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(BadParameter.class)
    ProblemDetail badParameter(BadParameter e) {
        return parameterProblem(e.parameter(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return parameterProblem(e.getName(), "has the wrong type");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return parameterProblem(e.getParameterName(), "is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return parameterProblem(e.getHeaderName(), "is required");
    }

    @ExceptionHandler(ResourceNotFound.class)
    ProblemDetail notFound(ResourceNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, e.code(), e.getMessage());
    }

    @ExceptionHandler(ReadModelBehind.class)
    ResponseEntity<ProblemDetail> behind(ReadModelBehind e) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "read-model-behind", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    private static ProblemDetail parameterProblem(String parameter, String message) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "bad-parameter", parameter + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", parameter, "message", message)));
        return problem;
    }
}
