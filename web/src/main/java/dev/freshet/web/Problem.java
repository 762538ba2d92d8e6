package dev.freshet.web;

import org.eclipse.jetty.http.HttpStatus;

/**
 * The body of every error response, RFC 7807's problem as Airflow's API answers it:
 * {@code {"type": "about:blank", "status": 404, "title": "Not Found", "detail": "..."}}.
 */
public record Problem(String type, int status, String title, String detail) {
    /** RFC 7807: the problem has no type beyond its status code. */
    public static final String NO_TYPE = "about:blank";

    public Problem(int status, String title, String detail) {
        this(NO_TYPE, status, title, detail);
    }

    /** A problem titled with the status's standard reason phrase (RFC 9110). */
    public static Problem of(int status, String detail) {
        return new Problem(status, title(status), detail);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> {
                String jetty = HttpStatus.getMessage(status);
                yield jetty == null || jetty.isBlank() ? "Error" : jetty;
            }
        };
    }
}
