package io.dealflow.security.abuse;

import io.dealflow.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses, with 415, a {@code Content-Type} no endpoint can read before anything tries to: one that does not parse,
 * a wildcard ({@code *}{@code /*} names no type), or multipart (the API reads JSON and CSV bodies, never forms).
 * Spring would otherwise fail on such a header deep inside request handling, with a 500.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !readable(header)) {
            Problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Content-Type " + header + " cannot be read; send application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean readable(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            return !type.isWildcardType() && !type.isWildcardSubtype() && !"multipart".equalsIgnoreCase(type.getType());
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
