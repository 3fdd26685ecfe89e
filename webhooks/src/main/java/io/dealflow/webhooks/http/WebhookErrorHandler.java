package io.dealflow.webhooks.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dealflow.http.InputErrorHandlers;
import io.dealflow.http.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the webhook endpoints' refusals into RFC 9457 problem details, Spring's input errors as every door answers
 * them ({@link InputErrorHandlers}) but for unreadable bodies and parameters, which keep this module's words. Scoped
 * to this module's controllers, so the other modules' handlers sit beside it in the standalone server.
 */
@RestControllerAdvice(basePackages = "io.dealflow.webhooks")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookErrorHandler extends InputErrorHandlers {

    @ExceptionHandler(WebhookNotFound.class)
    ProblemDetail notFound(WebhookNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(WebhookLimitReached.class)
    ProblemDetail limitReached(WebhookLimitReached e) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage());
    }

    @ExceptionHandler(InvalidWebhookRequest.class)
    ProblemDetail invalid(InvalidWebhookRequest e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "validation",
                e.field() + " " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(BadWebhookParameter.class)
    ProblemDetail badParameter(BadWebhookParameter e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "bad-parameter",
                e.parameter() + " " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", e.getMessage())));
        return problem;
    }

    /**
     * A body this module's endpoints cannot read, in the words they have answered with since they were added: a
     * string the parser refused as unstorable surfaces as a field of the wrong type here, not as
     * {@link io.dealflow.http.UnreadableBody} names it.
     */
    @Override
    @ExceptionHandler(HttpMessageNotReadableException.class)
    protected ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
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

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", e.getName() + " has the wrong type");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", e.getParameterName() + " is required");
    }
}
