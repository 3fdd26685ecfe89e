package io.dealflow.security.access;

import io.dealflow.security.apikey.Scope;
import io.dealflow.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Answers refusals of an authenticated key: 403 naming the scopes the endpoint accepts when the key lacks them, 403
 * when a key bound to some locations calls an operation on every location, and
 * 404 when the key may not see the location or no rule covers the endpoint, so nothing is revealed.
 */
class AccessDeniedProblems implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (denied instanceof AuthorizationDeniedException authorization
                && authorization.getAuthorizationResult() instanceof AccessDecision decision
                && decision.refusal() == AccessDecision.Refusal.MISSING_SCOPE) {
            String scopes = decision.rule().scopes().stream().map(Scope::value).sorted()
                    .collect(Collectors.joining(" or "));
            Problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
                    "this API key lacks the scope " + scopes);
            return;
        }
        if (denied instanceof AuthorizationDeniedException authorization
                && authorization.getAuthorizationResult() instanceof AccessDecision decision
                && decision.refusal() == AccessDecision.Refusal.NOT_EVERY_LOCATION) {
            Problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
                    "this operation acts on every location; it needs a key for every location (\"*\")");
            return;
        }
        if (denied instanceof AuthorizationDeniedException) {
            Problems.write(request, response, HttpStatus.NOT_FOUND, "not-found", "no such resource");
            return;
        }
        Problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "access denied");
    }
}
