package dev.freshet.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.freshet.engine.ConflictException;
import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.NotFoundException;
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

    private ErrorMapper() {
    }

    public static void handle(Exception e, Context ctx) {
        Problem problem = toProblem(e, ctx);
        if (problem.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(problem.status()).json(problem);
    }

    /**
     * For Javalin's status handler of 404: a request no route matched never reaches the exception mapper, and
     * Javalin would answer it in its own format. Problems this class wrote are left alone.
     */
    public static void handleUnmatched(Context ctx) {
        if (ctx.attribute(ANSWERED) == null) {
            ctx.json(Problem.of(ctx.statusCode(), "no route " + ctx.method() + " " + ctx.path()));
        }
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
