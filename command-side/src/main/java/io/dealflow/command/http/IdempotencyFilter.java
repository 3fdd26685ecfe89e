package io.dealflow.command.http;

import io.dealflow.security.http.BufferedBodyRequest;
import io.dealflow.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes commands sent with an {@code Idempotency-Key} safe to retry, on every door: the first request with a key runs
 * and its answer is stored; a repeat with the same key, method, path, query string and body gets that answer again and
 * changes nothing; the same key with another method, query string or body is refused with 422. Keys are kept 25
 * hours.
 *
 * <p>A key belongs to a path, and so to the location a native path names. A path that names no location (the
 * HighLevel-compatible door, where the location is in the body or found from the id) keeps keys per calling API key
 * too, so two tenants that pick the same key never meet. Refusals come in the door's error shape
 * ({@link Problems#write}).
 *
 * <p>The stored answer is written after the command committed, in a transaction of its own: if the server dies in
 * between, the key stays pending and a retry is told to wait (409) until it expires.
 */
@Component
@EnableScheduling // for the expiry of old keys
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_KEY_LENGTH = 200;
    private static final String LOCATION_PATHS = "/api/v1/locations/";

    private final JdbcTemplate jdbc;

    IdempotencyFilter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !COMMAND_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            Problems.write(request, response, HttpStatus.BAD_REQUEST, "bad-idempotency-key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String path = keyScope(request);
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        String hash = sha256(request.getMethod() + "\n" + request.getRequestURI() + "\n" + query + "\n"
                + new String(body, StandardCharsets.UTF_8));
        int inserted = jdbc.update("""
                INSERT INTO command_model.idempotency_key (request_path, idempotency_key, request_hash)
                VALUES (?, ?, ?) ON CONFLICT DO NOTHING""", path, key, hash);
        if (inserted == 0) {
            answerRepeat(request, response, path, key, hash);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new BufferedBodyRequest(request, body), recorded);
        } catch (IOException | ServletException | RuntimeException e) {
            forget(path, key);
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            forget(path, key);
        } else {
            jdbc.update("""
                    UPDATE command_model.idempotency_key
                    SET status = ?, content_type = ?, location = ?, consistency_token = ?, body = ?
                    WHERE request_path = ? AND idempotency_key = ?""",
                    recorded.getStatus(), recorded.getContentType(), recorded.getHeader("Location"),
                    recorded.getHeader(CommandSender.CONSISTENCY_TOKEN_HEADER), recorded.getContentAsByteArray(),
                    path, key);
        }
        recorded.copyBodyToResponse();
    }

    /** Drops keys older than 25 hours, so every key is kept at least the promised 24. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void expireOldKeys() {
        jdbc.update("DELETE FROM command_model.idempotency_key WHERE created_at < now() - interval '25 hours'");
    }

    /**
     * What a key is unique within: the path, which names the location on the native API; on paths without a location,
     * the path of the calling API key.
     */
    private static String keyScope(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith(LOCATION_PATHS)) {
            return path;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return (caller == null ? "-" : caller.getName()) + " " + path;
    }

    private void answerRepeat(HttpServletRequest request, HttpServletResponse response, String path, String key,
                              String hash) throws IOException {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT request_hash, status, content_type, location, consistency_token, body
                FROM command_model.idempotency_key WHERE request_path = ? AND idempotency_key = ?""", path, key);
        if (rows.isEmpty()) {
            Problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-progress",
                    "a request with this Idempotency-Key just failed; retry");
            return;
        }
        Map<String, Object> row = rows.get(0);
        if (!hash.equals(row.get("request_hash"))) {
            Problems.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "this Idempotency-Key was used for a different request");
        } else if (row.get("status") == null) {
            Problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-progress",
                    "a request with this Idempotency-Key is still in progress; retry later");
        } else {
            response.setStatus((Integer) row.get("status"));
            setIfPresent(response, "Content-Type", row.get("content_type"));
            setIfPresent(response, "Location", row.get("location"));
            setIfPresent(response, CommandSender.CONSISTENCY_TOKEN_HEADER, row.get("consistency_token"));
            response.setHeader(REPLAYED_HEADER, "true");
            byte[] body = (byte[]) row.get("body");
            if (body != null) {
                response.getOutputStream().write(body);
            }
        }
    }

    private void forget(String path, String key) {
        jdbc.update("DELETE FROM command_model.idempotency_key WHERE request_path = ? AND idempotency_key = ?",
                path, key);
    }

    private static void setIfPresent(HttpServletResponse response, String header, Object value) {
        if (value != null) {
            response.setHeader(header, value.toString());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
