package io.dealflow.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report for what never reaches Spring (a malformed request line, an over-long URL or header block,
 * control characters in headers, ...) or where Spring's error page itself failed: a problem, in the door's shape for
 * a door's paths, instead of Tomcat's HTML page. Replaces the host's {@link ErrorReportValve}.
 */
public class ProblemReportValve extends ErrorReportValve {

    private final ObjectProvider<Problems.ShapedPaths> doors;

    ProblemReportValve(ObjectProvider<Problems.ShapedPaths> doors) {
        this.doors = doors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        // As Tomcat's own report: only errors, only when nothing was written, once.
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            HttpStatus status = ErrorEdge.status(code);
            ErrorEdge.shape(request, path(request), doors);
            Captured captured = new Captured(response);
            Problems.write(request, captured, status, ErrorEdge.code(status), ErrorEdge.detail(status));
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(captured.body.toString(StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body: the status alone has to do.
        }
    }

    private static String path(Request request) {
        String uri = request.getDecodedRequestURI();
        return uri == null || uri.isEmpty() ? request.getRequestURI() : uri;
    }

    /** The response with its body kept aside, so it can go out through Tomcat's error reporter. */
    private static final class Captured extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Captured(Response response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    body.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
