package io.dealflow.security.abuse;

import io.dealflow.events.StorableText;
import io.dealflow.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * Refuses, with 400 naming it, any path, query parameter or header value holding text PostgreSQL could not store
 * ({@link StorableText}), before authentication or any controller reads it: the one check for everything outside the
 * body (bodies are checked by {@link StorableTextParser}).
 */
public class StorableTextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal(request);
        if (refusal != null) {
            Problems.write(request, response, HttpStatus.BAD_REQUEST, "unstorable-text", refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the request outside its body, or null. */
    static String refusal(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String fault = StorableText.fault(path);
        if (fault != null) {
            return "the path " + fault;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            fault = StorableText.fault(parameter.getKey());
            if (fault != null) {
                return "a parameter name " + fault;
            }
            for (String value : parameter.getValue()) {
                fault = StorableText.fault(value);
                if (fault != null) {
                    return "parameter " + parameter.getKey() + " " + fault;
                }
            }
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                fault = StorableText.fault(value);
                if (fault != null) {
                    return "header " + name + " " + fault;
                }
            }
        }
        return null;
    }
}
