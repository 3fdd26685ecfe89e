package io.dealflow.security.apikey;

import java.util.List;

/**
 * Answer to creating a key: the only time its secret {@code key} is shown.
 */
record CreatedApiKeyResponse(String id, String key, String name, List<String> locations, List<String> scopes) {
}
