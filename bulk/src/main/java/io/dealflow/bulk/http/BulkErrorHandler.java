package io.dealflow.bulk.http;

import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.ReadModelBehind;
import io.dealflow.security.http.Problems;
import io.dealflow.security.http.UnreadableBody;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;
import java.util.Map;

/**
 * Turns the module's refusals into problem details; scoped to the module's controllers, beside the sides' handlers.
 */
@RestControllerAdvice(basePackages = "io.dealflow.bulk")
@Order(Ordered.HIGHEST_PRECEDENCE)
class BulkErrorHandler {

    @ExceptionHandler(BulkRefusal.class)
    ProblemDetail refused(BulkRefusal refusal) {
        return problem(refusal.status(), refusal.code(), refusal.field(), refusal.getMessage());
    }

    /** A filter parameter the search cannot read (the query side's refusal, reused by bulk filters and export). */
    @ExceptionHandler(BadParameter.class)
    ProblemDetail badParameter(BadParameter e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-parameter", e.parameter(), e.parameter() + " " + e.getMessage());
    }

    /** The export waited for a consistency token longer than a query may. */
    @ExceptionHandler(ReadModelBehind.class)
    ResponseEntity<ProblemDetail> behind(ReadModelBehind e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "read-model-behind", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-parameter", e.getName(), e.getName() + " has the wrong type");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-parameter", e.getParameterName(),
                e.getParameterName() + " is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        UnreadableBody body = UnreadableBody.of(e);
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", body.field(), body.detail());
    }

    private static ProblemDetail problem(HttpStatus status, String code, String field, String detail) {
        ProblemDetail problem = Problems.of(status, code, detail);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return problem;
    }
}
