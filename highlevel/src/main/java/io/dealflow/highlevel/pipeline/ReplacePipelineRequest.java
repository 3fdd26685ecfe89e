package io.dealflow.highlevel.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code PUT /opportunities/pipelines/{id}}: {@code name} renames (null keeps it); {@code stages}, when
 * given, replaces the stage list: a stage with {@code id} is kept and updated, one without is added, an existing
 * stage left out is removed and its open deals move to the first stage of the new list.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReplacePipelineRequest(
        @Size(min = 1, max = 255, message = "must be 1 to 255 characters") String name,
        @Size(min = 1, message = "should not be empty") List<@Valid StageInput> stages,
        Boolean showInFunnel,
        Boolean showInPieChart) {
}
