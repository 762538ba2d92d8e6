package dev.freshet.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first filter of every request. It sends {@code X-Content-Type-Options: nosniff}, and it sees that a request
 * body costs the server no thread while it arrives and no memory past its route's limit:
 * <ul>
 * <li>a declared length over the limit is a 413 at once, nothing read;</li>
 * <li>a body already wholly received (the common case: small bodies arrive with their headers) goes on as it is;</li>
 * <li>any other body — one still arriving, or chunked — is read without blocking (a servlet {@link ReadListener}),
 *     up to the limit (413 past it) and at the {@link BodyPace} (408 when slower); only then does the request go on
 *     to the routes, its body in memory. A client dripping a body holds a connection, never a worker thread; all
 *     bodies arriving at once share a {@link BodyBudget} of memory (503 past it);</li>
 * <li>a REST mutation ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under {@code /api/}) goes on at once
 *     so that its token is checked before any of its body is read; its routes read it blocking, up to the limit and
 *     at the pace.</li>
 * </ul>
 */
final class RequestBodyGate implements Filter {
    private static final HttpField NOSNIFF =
            new PreEncodedHttpField(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);
    private static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int CHUNK = 8192;

    private final BodyLimits limits;
    private final BodyPace pace;
    private final BodyBudget budget;

    RequestBodyGate(BodyLimits limits, BodyPace pace, BodyBudget budget) {
        this.limits = limits;
        this.pace = pace;
        this.budget = budget;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        if (out instanceof Response jetty) {
            jetty.getHttpFields().put(NOSNIFF);
        } else {
            out.setHeader(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);
        }
        long length = http.getContentLengthLong();
        if (http.getDispatcherType() == DispatcherType.ASYNC || length == 0 || length < 0 && !chunked(http)) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limits.forPath(http.getRequestURI());
        if (length > limit) {
            ProblemBytes.answerAndClose(out, tooLarge(limit));
            return;
        }
        if (http.getRequestURI().startsWith("/api/") && MUTATIONS.contains(http.getMethod())) {
            chain.doFilter(new LimitedBody(http, limit, pace), response);
            return;
        }
        ServletInputStream in = http.getInputStream();
        if (length > 0 && in.available() >= length) {
            chain.doFilter(request, response); // wholly here: reading it cannot wait on the client
            return;
        }
        readThenContinue(http, out, in, limit);
    }

    private static boolean chunked(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    static Problem tooLarge(long limit) {
        return Problem.of(413, "request body: larger than the limit of " + limit + " bytes for this route");
    }

    private void readThenContinue(HttpServletRequest http, HttpServletResponse out, ServletInputStream in, long limit) {
        BufferedBody buffered = new BufferedBody(http);
        AsyncContext async = http.startAsync(buffered, out);
        async.setTimeout(pace.deadline().toMillis());
        BodyReader reader = new BodyReader(async, in, buffered, out, limit);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    /** Collects one body as it arrives; the first of "all read", "too large", "too slow" and "failed" wins. */
    private final class BodyReader implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final BufferedBody buffered;
        private final HttpServletResponse out;
        private final long limit;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[CHUNK];
        private final AtomicBoolean settled = new AtomicBoolean();
        private final AtomicLong reserved = new AtomicLong();
        private final long started = System.nanoTime();

        BodyReader(
                AsyncContext async, ServletInputStream in, BufferedBody buffered, HttpServletResponse out, long limit) {
            this.async = async;
            this.in = in;
            this.buffered = buffered;
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void onDataAvailable() throws IOException {
            try {
                while (in.isReady()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        return; // onAllDataRead follows
                    }
                    if (body.size() + (long) n > limit) {
                        refuse(tooLarge(limit));
                        return;
                    }
                    if (!budget.reserve(n)) {
                        refuse(Problem.of(
                                503,
                                "request body: the server is receiving too many bodies at once; "
                                        + "try again shortly"));
                        return;
                    }
                    reserved.addAndGet(n);
                    if (settled.get()) {
                        budget.release(reserved.getAndSet(0)); // refused meanwhile (deadline)
                        return;
                    }
                    body.write(chunk, 0, n);
                    if (pace.tooSlow(body.size(), System.nanoTime() - started)) {
                        refuse(pace.problem());
                        return;
                    }
                }
            } catch (BadMessageException e) {
                refuse(Problem.of(e.getCode(), "request body: " + reason(e)));
            }
        }

        @Override
        public void onAllDataRead() {
            if (settled.compareAndSet(false, true)) {
                buffered.fill(body.toByteArray());
                budget.release(reserved.getAndSet(0)); // from here on the worker pool bounds it, as any body
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (failure instanceof BadMessageException bad) {
                refuse(Problem.of(bad.getCode(), "request body: " + reason(bad)));
            } else {
                refuse(pace.problem()); // the connection's idle timeout, or the client went away
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            refuse(pace.problem());
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private void refuse(Problem problem) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            budget.release(reserved.getAndSet(0));
            try {
                ProblemBytes.answerAndClose(out, problem);
            } catch (IOException | RuntimeException e) {
                // the client is gone; completing frees the connection
            } finally {
                async.complete();
            }
        }

        private static String reason(BadMessageException e) {
            return e.getReason() == null ? "refused" : e.getReason();
        }
    }
}
