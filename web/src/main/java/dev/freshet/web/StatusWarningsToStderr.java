package dev.freshet.web;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.util.StatusPrinter2;

/**
 * Logback's own warnings and errors, on stderr. Without a status listener logback prints them on stdout, where they
 * would break command output such as the JSON of {@code freshet run --output json}; its informational statuses are
 * left out, as logback does by default.
 */
public final class StatusWarningsToStderr extends ContextAwareBase implements StatusListener, LifeCycle {
    private volatile boolean started;

    @Override
    public void start() {
        // warnings added before this listener was configured
        getContext().getStatusManager().getCopyOfStatusList().forEach(StatusWarningsToStderr::printIfWarning);
        started = true;
    }

    @Override
    public void addStatusEvent(Status status) {
        if (started) {
            printIfWarning(status);
        }
    }

    private static void printIfWarning(Status status) {
        if (status.getEffectiveLevel() >= Status.WARN) {
            StringBuilder text = new StringBuilder();
            new StatusPrinter2().buildStr(text, "", status);
            System.err.print(text);
        }
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isStarted() {
        return started;
    }
}
