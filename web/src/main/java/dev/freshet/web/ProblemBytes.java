package dev.freshet.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link Problem} written straight to a servlet response, for the answers given before a request reaches Javalin
 * (a body past its limit or too slow, an error of Jetty's own): the same JSON as every other error.
 */
final class ProblemBytes {
    static final String CONTENT_TYPE = "application/json";
    private static final ObjectMapper JSON = JsonMappers.create();

    private ProblemBytes() {}

    static byte[] of(Problem problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code problem} and closes the connection: the rest of the request's body is never read. */
    static void answerAndClose(HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = of(problem);
        response.reset();
        response.setStatus(problem.status());
        response.setHeader("Connection", "close");
        response.setHeader(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
