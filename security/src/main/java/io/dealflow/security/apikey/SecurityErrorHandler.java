package io.dealflow.security.apikey;

import io.dealflow.security.http.ProblemException;
import io.dealflow.security.http.Problems;
import io.dealflow.security.http.UnreadableBody;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Problem details for the key management endpoints, scoped to this module so each side's own advice stays in charge
 * of its controllers.
 */
@RestControllerAdvice(basePackages = "io.dealflow.security")
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityErrorHandler {

    @ExceptionHandler(ProblemException.class)
    ProblemDetail refused(ProblemException refused) {
        ProblemDetail problem = Problems.of(refused.status(), refused.code(), refused.getMessage());
        if (refused.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))
                .toList();
        String detail = errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "validation", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        UnreadableBody body = UnreadableBody.of(e);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", body.detail());
        if (body.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", body.field(), "message", body.reason())));
        }
        return problem;
    }
}
