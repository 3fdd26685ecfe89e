package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST} and {@code DELETE /opportunities/{id}/followers}: user ids.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record FollowersRequest(
        @Size(max = 100, message = "must contain no more than 100 elements")
        List<@NotBlank(message = HighLevelStatus.NOT_EMPTY) String> followers) {
}
