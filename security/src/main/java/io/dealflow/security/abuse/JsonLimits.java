package io.dealflow.security.abuse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Strict and bounded JSON for every request body: unknown fields, duplicate fields and trailing content are refused,
 * and nesting depth, number and name lengths are capped, so a hostile body fails fast with 400. Document and string
 * sizes are already bounded by {@link BodySizeLimit}.
 */
class JsonLimits implements Jackson2ObjectMapperBuilderCustomizer {

    private final int maxDepth;

    JsonLimits(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public void customize(Jackson2ObjectMapperBuilder builder) {
        builder.failOnUnknownProperties(true);
        builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxNumberLength(100)
                .maxNameLength(1000)
                .build()));
    }
}
