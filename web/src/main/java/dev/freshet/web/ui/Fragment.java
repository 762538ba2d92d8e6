package dev.freshet.web.ui;

/** What a fragment htmx swaps into a page carries of the page's layout: the login state and the CSRF token. */
record Fragment(boolean loggedIn, String csrf) {}
