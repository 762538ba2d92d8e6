package dev.freshet.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;

/**
 * A request whose body is read blocking but stops at a limit and a pace: reading past the limit throws a 413 problem,
 * a body arriving slower than the pace a 408 (checked as each read returns; a read that waits for nothing at all
 * ends with the connection's blocking-read timeout).
 */
final class LimitedBody extends HttpServletRequestWrapper {
    private final long limit;
    private final BodyPace pace;
    private ServletInputStream stream;

    LimitedBody(HttpServletRequest request, long limit, BodyPace pace) {
        super(request);
        this.limit = limit;
        this.pace = pace;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Counting(super.getInputStream(), limit, pace);
        }
        return stream;
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private final BodyPace pace;
        private final long started = System.nanoTime();
        private long read;

        Counting(ServletInputStream in, long limit, BodyPace pace) {
            this.in = in;
            this.limit = limit;
            this.pace = pace;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                // the blocking read timed out waiting for the client, or the client went away
                throw new HttpProblem(408, pace.problem().detail());
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new HttpProblem(413, RequestBodyGate.tooLarge(limit).detail());
            }
            if (pace.tooSlow(read, System.nanoTime() - started)) {
                throw new HttpProblem(408, pace.problem().detail());
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
