package dev.freshet.web.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.web.BytesInputStream;
import dev.freshet.web.metrics.PredictionMetrics;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The successful path of {@code POST /invocations} (JSON) and {@code GET /ping}, answered in a servlet filter in
 * front of Javalin: on two cores Javalin's per-request routing and lifecycle cost as much as the scoring itself.
 * Anything else — another content type, a bad body, no champion, an oversized body — is handed on unchanged
 * (with the body already read) to the Javalin routes of {@link ScoringRoutes}, which answer it with the same JSON
 * problems as ever. The answers of both paths are the same bytes.
 */
public final class ScoringFastPath implements Filter {
    private static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);

    private final ServedModels models;
    private final ObjectMapper mapper;
    private final PredictionMetrics metrics;
    private final PredictionLogging log;
    private final long maxBody;
    private final SplitReader splitReader;
    private volatile HttpField lastModelHeader;

    public ScoringFastPath(
            ServedModels models, ObjectMapper mapper, PredictionMetrics metrics, PredictionLogging log, long maxBody) {
        this.models = models;
        this.mapper = mapper;
        this.metrics = metrics;
        this.log = log;
        this.maxBody = maxBody;
        this.splitReader = new SplitReader();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        String method = http.getMethod();
        if ("GET".equals(method) && "/ping".equals(http.getRequestURI())) {
            if (models.ready()) {
                write(out, READY, null, List.of());
                return;
            }
        } else if ("POST".equals(method) && "/invocations".equals(http.getRequestURI()) && isJson(http)) {
            long length = http.getContentLengthLong();
            if (length >= 0 && length <= maxBody) {
                score(http, out, (int) length, chain);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void score(HttpServletRequest http, HttpServletResponse out, int length, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        byte[] body = http.getInputStream().readNBytes(length); // grows as bytes arrive, not as the header says
        try {
            ServedModel served = models.defaultModel();
            List<String> features = served.model().featureNames();
            double[][] rows = splitReader.rows(body, features);
            if (rows == null) {
                rows = ScoringInput.rows(ScoringInput.Format.JSON, body, features, mapper);
            }
            double[] predictions = served.model().predict(rows);
            byte[] answer = predictionsJson(predictions);
            write(out, answer, modelHeader(served.uri()), log.logged(served, rows, predictions));
            metrics.scored(served.name(), rows.length, System.nanoTime() - start);
        } catch (RuntimeException refused) {
            chain.doFilter(new ReadBody(http, body), out); // the routes explain the problem
        }
    }

    /** {@code {"predictions":[…]}}, as Jackson writes it (Double.toString), without its per-call set-up. */
    private byte[] predictionsJson(double[] predictions) throws IOException {
        StringBuilder json = new StringBuilder(24 + predictions.length * 20).append("{\"predictions\":[");
        for (int i = 0; i < predictions.length; i++) {
            if (!Double.isFinite(predictions[i])) {
                return mapper.writeValueAsBytes(new ScoringRoutes.Predictions(predictions));
            }
            json.append(i == 0 ? "" : ",").append(predictions[i]);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null
                && type.regionMatches(true, 0, "application/json", 0, 16)
                && (type.length() == 16 || type.charAt(16) == ';' || type.charAt(16) == ' ');
    }

    /** The model header, encoded once per model rather than once per answer. */
    private HttpField modelHeader(String uri) {
        HttpField header = lastModelHeader;
        if (header == null || !header.getValue().equals(uri)) {
            header = new PreEncodedHttpField(ScoringRoutes.MODEL_HEADER, uri);
            lastModelHeader = header;
        }
        return header;
    }

    private static void write(HttpServletResponse out, byte[] body, HttpField model, List<String> predictionIds)
            throws IOException {
        out.setStatus(200);
        out.setContentType("application/json");
        if (out instanceof Response jetty) {
            if (model != null) {
                jetty.getHttpFields().put(model);
            }
            for (String ids : predictionIds) {
                // a field of no known HttpHeader, said so: add(name, value) would look the name up in Jetty's table
                jetty.getHttpFields().add(new HttpField(null, PredictionLogging.HEADER, ids));
            }
        } else {
            if (model != null) {
                out.setHeader(model.getName(), model.getValue());
            }
            for (String ids : predictionIds) {
                out.addHeader(PredictionLogging.HEADER, ids);
            }
        }
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
    }

    /** The request again, its body served from the bytes the fast path already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BytesInputStream(body);
        }
    }
}
