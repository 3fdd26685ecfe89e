package io.dealflow.security.access;

import io.dealflow.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * Answers 401 with {@code WWW-Authenticate: Bearer} to requests without a valid API key. Missing, unknown and revoked
 * keys get the same answer.
 */
class ApiKeyEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented
                ? "Bearer realm=\"dealflow\", error=\"invalid_token\"" : "Bearer realm=\"dealflow\"");
        Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", presented
                ? "the API key is not valid (unknown, revoked or malformed)"
                : "this endpoint needs an API key: Authorization: Bearer <key>");
    }
}
