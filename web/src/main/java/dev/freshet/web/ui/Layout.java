package dev.freshet.web.ui;

/**
 * What layout.peb shows around every page: the menu entry to highlight ({@code nav}), the htmx script, the login
 * state with the session's CSRF token (empty when logged out), a one-time message (null when none) and the page's
 * own path and query, {@code here}, where the login link comes back to.
 */
record Layout(String nav, String htmx, boolean loggedIn, String csrf, UiFlash flash, String here) {}
