package io.dealflow.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.util.stream.Collectors;

/**
 * Why a request body could not be read, in the words every door answers with: the field at fault (dotted, or null when
 * the body as a whole is not JSON) and what is wrong with it.
 *
 * @param field  the offending field, or null
 * @param reason what is wrong with it, or with the body
 */
public record UnreadableBody(String field, String reason) {

    /** The field and reason of a body Spring could not convert. */
    public static UnreadableBody of(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnstorableText text) {
                return new UnreadableBody(text.field(), text.reason());
            }
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return new UnreadableBody(field,
                    mapping instanceof UnrecognizedPropertyException ? "is not a known field" : "has the wrong type");
        }
        return new UnreadableBody(null, "the request body is not valid JSON");
    }

    /** {@code "<field> <reason>"}, or the reason alone for a body that is not JSON. */
    public String detail() {
        return field == null ? reason : field + " " + reason;
    }
}
