package dev.freshet.web.ui;

/** A one-time message shown at the top of the next page: {@code kind} is ok or error. */
public record UiFlash(String kind, String text) {
    static UiFlash ok(String text) {
        return new UiFlash("ok", text);
    }

    static UiFlash error(String text) {
        return new UiFlash("error", text);
    }
}
