package io.dealflow.highlevel.http;

import io.dealflow.http.UnreadableBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.dealflow.command.errors.CommandRefused;
import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.ReadModelBehind;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ServerWebInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Answers every refusal of the HighLevel door in HighLevel's shape ({@code statusCode}, {@code message},
 * {@code error}): validation failures and broken rules 422 with one message per problem, unknown resources 404, a
 * state that forbids the change 400 (HighLevel has no 409 for that), a lost race 409, lagging read models 503.
 * Scoped to the door's controllers, so the native API keeps its problem details.
 */
@RestControllerAdvice(basePackages = "io.dealflow.highlevel")
@Order(Ordered.HIGHEST_PRECEDENCE)
class HighLevelErrors {

    private static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(HighLevelRefusal.class)
    ResponseEntity<HighLevelError> refusal(HighLevelRefusal refusal) {
        return answer(refusal.error());
    }

    @ExceptionHandler(CommandRefused.class)
    ResponseEntity<HighLevelError> commandRefused(CommandRefused refused) {
        if (refused instanceof NotFound) {
            return answer(HighLevelError.of(HttpStatus.NOT_FOUND, notFoundMessage(refused.code())));
        }
        if (refused instanceof StateConflict) {
            return answer(HighLevelError.of(HttpStatus.BAD_REQUEST, refused.getMessage()));
        }
        if (refused instanceof StaleVersion) {
            return answer(HighLevelError.of(HttpStatus.CONFLICT,
                    "The opportunity was changed meanwhile; read it again and retry"));
        }
        return answer(HighLevelError.invalid(List.of(refused.getMessage())));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<HighLevelError> aggregateNotFound(AggregateNotFoundException e) {
        return answer(HighLevelError.of(HttpStatus.NOT_FOUND, "Resource not found"));
    }

    @ExceptionHandler({ConcurrencyException.class, DuplicateKeyException.class})
    ResponseEntity<HighLevelError> concurrent(RuntimeException e) {
        return answer(HighLevelError.of(HttpStatus.CONFLICT,
                "A concurrent request changed the same resource; retry"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<HighLevelError> invalid(MethodArgumentNotValidException e) {
        List<String> messages = e.getBindingResult().getFieldErrors().stream()
                .map(HighLevelErrors::message)
                .sorted()
                .toList();
        return answer(HighLevelError.invalid(messages));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<HighLevelError> invalidParameters(HandlerMethodValidationException e) {
        List<String> messages = e.getAllErrors().stream()
                .map(error -> error.getDefaultMessage() == null ? "invalid parameter" : error.getDefaultMessage())
                .toList();
        return answer(HighLevelError.invalid(messages));
    }

    /**
     * A body that is not JSON is a 400, as on HighLevel; JSON with a value of the wrong type is a validation failure
     * (422) naming the field.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<HighLevelError> unreadable(HttpMessageNotReadableException e) {
        UnreadableBody body = UnreadableBody.of(e);
        if (body.field() != null) {
            return answer(HighLevelError.invalid(List.of(body.detail())));
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return answer(HighLevelError.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON"));
        }
        return answer(HighLevelError.of(HttpStatus.BAD_REQUEST, "The request body is missing or not JSON"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<HighLevelError> missingParameter(MissingServletRequestParameterException e) {
        return answer(HighLevelError.invalid(List.of(e.getParameterName() + " should not be empty")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<HighLevelError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return answer(HighLevelError.invalid(List.of(e.getName() + " has the wrong type")));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<HighLevelError> badInput(ServerWebInputException e) {
        return answer(HighLevelError.of(HttpStatus.BAD_REQUEST, e.getReason()));
    }

    /** A header or parameter the query side cannot read, such as a malformed {@code Consistency-Token}. */
    @ExceptionHandler(BadParameter.class)
    ResponseEntity<HighLevelError> badParameter(BadParameter e) {
        return answer(HighLevelError.of(HttpStatus.BAD_REQUEST, e.parameter() + " " + e.getMessage()));
    }

    @ExceptionHandler(ReadModelBehind.class)
    ResponseEntity<HighLevelError> behind(ReadModelBehind e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(HighLevelError.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    private static ResponseEntity<HighLevelError> answer(HighLevelError error) {
        return ResponseEntity.status(error.statusCode()).body(error);
    }

    /** {@code customFields[0].key} as class-validator writes it: {@code customFields.0.key must ...}. */
    private static String message(FieldError error) {
        String field = error.getField().replaceAll("\\[(\\d+)]", ".$1");
        return field + " " + (error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }

    /** {@code opportunity-not-found} becomes {@code Opportunity not found}. */
    private static String notFoundMessage(String code) {
        String what = code.endsWith("-not-found") ? code.substring(0, code.length() - "-not-found".length()) : code;
        String words = Arrays.stream(what.split("-")).collect(Collectors.joining(" "));
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1) + " not found";
    }
}
