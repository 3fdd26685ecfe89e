package io.dealflow.security.apikey;

import io.dealflow.http.InputErrorHandlers;
import io.dealflow.http.Problems;
import io.dealflow.security.http.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * Problem details for the key management endpoints, scoped to this module so each side's own advice stays in charge
 * of its controllers.
 */
@RestControllerAdvice(basePackages = "io.dealflow.security")
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityErrorHandler extends InputErrorHandlers {

    @ExceptionHandler(ProblemException.class)
    ProblemDetail refused(ProblemException refused) {
        ProblemDetail problem = Problems.of(refused.status(), refused.code(), refused.getMessage());
        if (refused.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
        }
        return problem;
    }
}
