package dev.freshet.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Jetty's own errors — a request it refuses before any route sees it (a path of 10,000 characters: 414; {@code %00}
 * or an encoded {@code /} in a path: 400; headers too large: 431) — as the same JSON problem as every other error,
 * instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, ProblemBytes.CONTENT_TYPE);
    private static final HttpField NOSNIFF =
            new PreEncodedHttpField(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        byte[] body = ProblemBytes.of(Problem.of(status, detail(status, message == null ? null : message.toString())));
        response.setContentType(ProblemBytes.CONTENT_TYPE);
        response.setHeader(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        fields.put(NOSNIFF);
        return ByteBuffer.wrap(ProblemBytes.of(Problem.of(status, detail(status, reason))));
    }

    /** Jetty's reason when it says something; a 5xx keeps its cause to the server log. */
    private static String detail(int status, String reason) {
        if (status >= 500) {
            return ErrorMapper.INTERNAL_DETAIL;
        }
        if (reason == null || reason.isBlank() || reason.equals(Problem.title(status))) {
            return "the request was refused: " + Problem.title(status);
        }
        return "the request was refused: " + reason;
    }
}
