package io.dealflow.security.apikey;

import io.dealflow.http.LocationId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /api/v1/admin/api-keys}.
 *
 * @param locations       {@code ["*"]} for every location, or location ids
 * @param scopes          scope names, e.g. {@code opportunities.readonly}
 * @param rateLimitPer10s requests per 10 seconds; absent for the configured default
 */
record CreateApiKeyRequest(@NotBlank @Size(max = 255) String name,
                           @NotEmpty @Size(max = 1000)
                           List<@NotNull @Pattern(regexp = "\\*|" + LocationId.PATTERN,
                                   message = "must be * or a location id (" + LocationId.PATTERN + ")") String> locations,
                           @NotEmpty List<@NotNull String> scopes,
                           @Min(1) @Max(1_000_000) Integer rateLimitPer10s) {
}
