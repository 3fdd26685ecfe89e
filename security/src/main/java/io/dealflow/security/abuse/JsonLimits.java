package io.dealflow.security.abuse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Strict and bounded JSON for every request body: unknown fields, duplicate fields and trailing content are refused;
 * nesting depth, number and name lengths are capped; strings PostgreSQL could not store are refused by the parser
 * ({@link StorableTextParser}); and scalars keep their JSON type (a number is not a string, nor a boolean, and back),
 * so a hostile body fails fast with 400. Document and string sizes are already bounded by {@link BodySizeLimit}.
 */
class JsonLimits implements Jackson2ObjectMapperBuilderCustomizer {

    private final int maxDepth;

    JsonLimits(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public void customize(Jackson2ObjectMapperBuilder builder) {
        builder.factory(new StorableTextJsonFactory());
        builder.failOnUnknownProperties(true);
        builder.featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxNumberLength(100)
                .maxNameLength(1000)
                .build()));
        builder.postConfigurer(JsonLimits::refuseScalarCoercion);
    }

    /** Strings from numbers or booleans, booleans from numbers: refused instead of converted. */
    private static void refuseScalarCoercion(ObjectMapper mapper) {
        for (LogicalType type : new LogicalType[]{LogicalType.Textual, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
    }
}
