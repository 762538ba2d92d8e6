package dev.freshet.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * The server's one exception mapper: every failure becomes a {@link Problem} JSON body. Stack traces go to the
 * server log only, and only for failures that are the server's fault (5xx).
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    static final String INTERNAL_DETAIL = "the server failed to handle this request; the server log has the details";
    private static final String ANSWERED = ErrorMapper.class.getName() + ".answered";
    /** The server's request body limit, for the 413 message. */
    public static final Key<Long> MAX_BODY_KEY = new Key<>("freshet.maxBody");

    private ErrorMapper() {}

    /** Renders a problem as an HTML page, for people browsing the UI; {@code ctx} is the request it answers. */
    @FunctionalInterface
    public interface HtmlPage {
        String render(Problem problem, Context ctx);
    }

    public static void handle(Exception e, Context ctx) {
        handle(e, ctx, null);
    }

    /** As {@link #handle(Exception, Context)}; a browser asking for a UI page gets {@code html}'s page instead. */
    public static void handle(Exception e, Context ctx, HtmlPage html) {
        answer(toProblem(e, ctx), ctx, html);
    }

    /**
     * For Javalin's status handlers of 404 and 405: a request no route matched never reaches the exception mapper,
     * and Javalin would answer it in its own format. Problems this class wrote are left alone.
     */
    public static void handleUnmatched(Context ctx) {
        handleUnmatched(ctx, null);
    }

    public static void handleUnmatched(Context ctx, HtmlPage html) {
        if (ctx.attribute(ANSWERED) == null) {
            String detail = ctx.statusCode() == 405
                    ? ctx.method() + " is not allowed on " + ctx.path()
                    : "no route " + ctx.method() + " " + ctx.path();
            answer(Problem.of(ctx.statusCode(), detail), ctx, html);
        }
    }

    private static void answer(Problem problem, Context ctx, HtmlPage html) {
        if (problem.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(problem.status());
        if (html != null && wantsHtml(ctx)) {
            SecurityHeaders.apply(ctx);
            ctx.html(html.render(problem, ctx));
        } else {
            ctx.json(problem);
        }
    }

    /** A browser navigating the UI: it accepts HTML and is not talking to the REST API or the scoring endpoints. */
    static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        String path = ctx.path();
        return accept != null
                && accept.contains("text/html")
                && !path.startsWith("/api/")
                && !path.equals("/invocations")
                && !path.startsWith("/models/")
                && !path.equals("/metrics");
    }

    static Problem toProblem(Exception e, Context ctx) {
        if (e instanceof HttpProblem p) {
            return Problem.of(p.status(), p.getMessage());
        }
        if (e instanceof NotFoundException) {
            return Problem.of(404, e.getMessage());
        }
        if (e instanceof InvalidInputException) {
            return Problem.of(400, e.getMessage());
        }
        if (e instanceof ConflictException) {
            return Problem.of(409, e.getMessage());
        }
        if (e instanceof JsonProcessingException json) {
            return Problem.of(400, jsonDetail(json));
        }
        if (e instanceof HttpResponseException http && http.getStatus() == 413) {
            return Problem.of(413, "request body: larger than the limit of " + ctx.appData(MAX_BODY_KEY) + " bytes");
        }
        if (e instanceof HttpResponseException http && http.getStatus() < 500) {
            return Problem.of(http.getStatus(), http.getMessage());
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        return Problem.of(500, INTERNAL_DETAIL);
    }

    private static String jsonDetail(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return field + ": " + e.getOriginalMessage();
        }
        return "request body: malformed JSON: " + e.getOriginalMessage();
    }
}
