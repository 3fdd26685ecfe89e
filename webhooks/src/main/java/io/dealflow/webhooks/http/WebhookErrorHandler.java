package io.dealflow.webhooks.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ServerWebInputException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the webhook endpoints' refusals into RFC 9457 problem details. Scoped to this module's controllers, so the
 * other modules' handlers sit beside it in the standalone server.
 */
@RestControllerAdvice(basePackages = "io.dealflow.webhooks")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookErrorHandler {

    static final String TYPE_BASE = "https://dealflow.io/problems/";

    @ExceptionHandler(WebhookNotFound.class)
    ProblemDetail notFound(WebhookNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(WebhookLimitReached.class)
    ProblemDetail limitReached(WebhookLimitReached e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage());
    }

    @ExceptionHandler(InvalidWebhookRequest.class)
    ProblemDetail invalid(InvalidWebhookRequest e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "validation",
                e.field() + " " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(BadWebhookParameter.class)
    ProblemDetail badParameter(BadWebhookParameter e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "bad-parameter", e.parameter() + " " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", message(error)))
                .toList();
        String detail = errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "validation", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "the request body is not valid JSON");
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String reason = mapping instanceof UnrecognizedPropertyException ? "is not a known field"
                    : "has the wrong type";
            problem.setDetail(field + " " + reason);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", reason)));
        }
        return problem;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail badInput(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", e.getReason());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", e.getName() + " has the wrong type");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", e.getParameterName() + " is required");
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
