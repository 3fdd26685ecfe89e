package io.dealflow.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebInputException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answers to Spring's input errors every door with problem details gives alike: a request body that breaks Bean
 * Validation (422 {@code validation}), one that cannot be read (400 {@code malformed-request}), a malformed path or
 * header value (400 {@code bad-request}). A module's {@code @RestControllerAdvice} extends this and adds only the
 * mapping of its own exceptions. Errors Spring answers before any advice (405, 415, ...) reach {@link ErrorEdge}.
 */
public abstract class InputErrorHandlers {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    protected ProblemDetail invalid(MethodArgumentNotValidException e) {
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
    protected ProblemDetail unreadable(HttpMessageNotReadableException e) {
        UnreadableBody body = UnreadableBody.of(e);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", body.detail());
        if (body.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", body.field(), "message", body.reason())));
        }
        return problem;
    }

    @ExceptionHandler(ServerWebInputException.class)
    protected ProblemDetail badInput(ServerWebInputException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", e.getReason());
    }
}
