package dev.freshet.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request whose body was read ahead into memory: the routes read it from there, and its length is known. */
final class BufferedBody extends HttpServletRequestWrapper {
    private volatile byte[] body = new byte[0];

    BufferedBody(HttpServletRequest request) {
        super(request);
    }

    void fill(byte[] bytes) {
        this.body = bytes;
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        return new BytesInputStream(body);
    }
}
