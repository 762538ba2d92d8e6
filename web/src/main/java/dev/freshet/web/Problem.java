package dev.freshet.web;

import io.javalin.http.HttpStatus;

/** The body of every error response: {@code {"status": 404, "title": "Not Found", "detail": "..."}}. */
public record Problem(int status, String title, String detail) {
    public static Problem of(int status, String detail) {
        HttpStatus known = HttpStatus.forStatus(status);
        String title = known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
        return new Problem(status, title, detail);
    }
}
