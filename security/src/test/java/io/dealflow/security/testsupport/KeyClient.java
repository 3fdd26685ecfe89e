package io.dealflow.security.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;

/**
 * Talks to a running dealflow application over real HTTP with a chosen API key (or none), and creates and revokes
 * keys through the admin API with the operator key.
 */
public class KeyClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public KeyClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** A key made by the operator key. */
    public record Key(String id, String secret) {
    }

    /** Sends a request with this key (null for no Authorization header), a JSON body or null, and header pairs. */
    public HttpResponse<String> call(String key, String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Sends a prepared request. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** Creates a key with these locations and scope names, limited to {@code rateLimitPer10s} (null: default). */
    public Key create(String name, Collection<String> locations, Collection<String> scopes, Integer rateLimitPer10s) {
        try {
            var body = JSON.createObjectNode();
            body.put("name", name);
            body.set("locations", JSON.valueToTree(List.copyOf(locations)));
            body.set("scopes", JSON.valueToTree(List.copyOf(scopes)));
            if (rateLimitPer10s != null) {
                body.put("rateLimitPer10s", rateLimitPer10s);
            }
            var response = call(TestKeys.OPERATOR, "POST", "/api/v1/admin/api-keys", JSON.writeValueAsString(body));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("could not create a key: " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode created = JSON.readTree(response.body());
            return new Key(created.get("id").asText(), created.get("key").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Revokes a key with the operator key. */
    public void revoke(Key key) {
        var response = call(TestKeys.OPERATOR, "DELETE", "/api/v1/admin/api-keys/" + key.id(), null);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("could not revoke a key: " + response.statusCode());
        }
    }

    /** Reads an answer's JSON body. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
