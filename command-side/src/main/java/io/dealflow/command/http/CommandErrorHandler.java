package io.dealflow.command.http;

import io.dealflow.security.http.UnreadableBody;
import io.dealflow.command.errors.CommandRefused;
import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the command side's refusals into RFC 9457 problem details. Scoped to the command controllers, so the query
 * side's handler can sit beside it in the standalone server.
 */
@RestControllerAdvice(basePackages = "io.dealflow.command")
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandErrorHandler {

    static final String TYPE_BASE = "https://dealflow.io/problems/";

    @ExceptionHandler(CommandRefused.class)
    ProblemDetail refused(CommandRefused refused) {
        HttpStatus status = refused instanceof NotFound ? HttpStatus.NOT_FOUND
                : refused instanceof StateConflict ? HttpStatus.CONFLICT
                : refused instanceof StaleVersion ? HttpStatus.PRECONDITION_FAILED
                : HttpStatus.UNPROCESSABLE_ENTITY;
        ProblemDetail problem = problem(status, refused.code(), refused.getMessage());
        if (refused.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "no such resource: " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentModification(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification",
                "the resource was changed concurrently; read it again and retry");
    }

    /** A unique rule enforced by the command-side lookup tables lost a race to a concurrent command. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "duplicate", "a concurrent request created the same thing; retry");
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
        UnreadableBody body = UnreadableBody.of(e);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", body.detail());
        if (body.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", body.field(), "message", body.reason())));
        }
        return problem;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail badInput(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", e.getReason());
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
