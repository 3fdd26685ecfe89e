package io.dealflow.security.abuse;

import io.dealflow.security.http.BufferedBodyRequest;
import io.dealflow.security.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Refuses request bodies over the limit with 413 before anything reads them. A declared {@code Content-Length} is
 * checked at once; a body of unknown length (chunked) is read up to the limit first, so it cannot slip past.
 *
 * <p>CSV imports ({@code POST /api/v1/locations/{id}/imports}) have a limit of their own, far larger, and are never
 * buffered here: their handler streams the body and counts the bytes it reads against that limit itself.
 */
public class BodySizeLimit extends OncePerRequestFilter {

    private static final Pattern STREAMED = Pattern.compile("/api/v1/locations/[^/]+/imports/?");

    private final long maxBytes;
    private final long maxStreamedBytes;

    public BodySizeLimit(long maxBytes, long maxStreamedBytes) {
        this.maxBytes = maxBytes;
        this.maxStreamedBytes = maxStreamedBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if ("POST".equals(request.getMethod()) && STREAMED.matcher(request.getRequestURI()).matches()) {
            if (declared > maxStreamedBytes) {
                tooLarge(request, response, maxStreamedBytes);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (declared > maxBytes) {
            tooLarge(request, response, maxBytes);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            tooLarge(request, response, maxBytes);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                "the request body is larger than " + limit + " bytes");
    }
}
