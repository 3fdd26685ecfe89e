package io.dealflow.highlevel.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /opportunities/pipelines}.
 */
// Named apart from the native API's record of the same simple name in the OpenAPI document.
@Schema(name = "HighLevelCreatePipelineRequest")
@JsonIgnoreProperties(ignoreUnknown = true)
record CreatePipelineRequest(
        @NotBlank(message = "should not be empty")
        @Size(max = 255, message = "must be shorter than or equal to 255 characters") String name,
        @NotBlank(message = "should not be empty") String locationId,
        @NotEmpty(message = "should not be empty") List<@Valid StageInput> stages,
        Boolean showInFunnel,
        Boolean showInPieChart) {
}
