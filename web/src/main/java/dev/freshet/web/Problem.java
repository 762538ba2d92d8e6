package dev.freshet.web;

/** The body of every error response: {@code {"status": 404, "title": "Not Found", "detail": "..."}}. */
public record Problem(int status, String title, String detail) {
    /** A problem titled with the status's standard reason phrase. */
    public static Problem of(int status, String detail) {
        String title = org.eclipse.jetty.http.HttpStatus.getMessage(status);
        return new Problem(status, title == null || title.isBlank() ? "Error" : title, detail);
    }
}
