package io.dealflow.command.http;

import io.dealflow.command.errors.CommandRefused;
import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.http.InputErrorHandlers;
import io.dealflow.http.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * Turns the command side's refusals into RFC 9457 problem details; Spring's input errors are answered as every door
 * answers them ({@link InputErrorHandlers}). Scoped to the command controllers, so the query
 * side's handler can sit beside it in the standalone server.
 */
@RestControllerAdvice(basePackages = "io.dealflow.command")
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandErrorHandler extends InputErrorHandlers {

    @ExceptionHandler(CommandRefused.class)
    ProblemDetail refused(CommandRefused refused) {
        HttpStatus status = refused instanceof NotFound ? HttpStatus.NOT_FOUND
                : refused instanceof StateConflict ? HttpStatus.CONFLICT
                : refused instanceof StaleVersion ? HttpStatus.PRECONDITION_FAILED
                : HttpStatus.UNPROCESSABLE_ENTITY;
        ProblemDetail problem = Problems.of(status, refused.code(), refused.getMessage());
        if (refused.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "no such resource: " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentModification(ConcurrencyException e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-modification",
                "the resource was changed concurrently; read it again and retry");
    }

    /** A unique rule enforced by the command-side lookup tables lost a race to a concurrent command. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return Problems.of(HttpStatus.CONFLICT, "duplicate", "a concurrent request created the same thing; retry");
    }
}
