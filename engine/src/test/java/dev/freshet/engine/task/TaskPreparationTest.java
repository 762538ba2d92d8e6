package dev.freshet.engine.task;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A coming run's task types do their one-time work ahead, in the background, once per process. */
class TaskPreparationTest {

    private static class Preparing implements TaskType {
        final AtomicInteger prepared = new AtomicInteger();
        final String name;
        final boolean fails;

        Preparing(String name, boolean fails) {
            this.name = name;
            this.fails = fails;
        }

        @Override
        public String type() {
            return name;
        }

        @Override
        public TaskResult run(TaskContext context) {
            return TaskResult.empty();
        }

        @Override
        public void prepare() {
            prepared.incrementAndGet();
            if (fails) {
                throw new IllegalStateException("no native library here");
            }
        }
    }

    /** Another type, of its own class: preparation is once per class. */
    private static final class Other extends Preparing {
        Other() {
            super("other", false);
        }
    }

    @Test
    void eachTypeARunUsesIsPreparedOnceOnABackgroundThreadAndUnknownNamesAreLeftToTheRun() throws Exception {
        Preparing train = new Preparing("train", false);
        Other other = new Other();
        TaskTypeRegistry registry = new TaskTypeRegistry(List.of(train, other));
        TaskPreparation preparation = new TaskPreparation();

        Thread thread = preparation.start(registry, List.of("train", "train", "nonexistent"));
        assertThat(thread).isNotNull();
        assertThat(thread.isDaemon()).isTrue();
        thread.join(Duration.ofSeconds(10).toMillis());
        assertThat(train.prepared).hasValue(1);
        assertThat(other.prepared).hasValue(0);

        assertThat(preparation.start(registry, List.of("train"))).isNull();
        preparation.prepare(registry, List.of("train", "other"));
        assertThat(train.prepared).hasValue(1);
        assertThat(other.prepared).hasValue(1);
    }

    @Test
    void aTypeWhosePreparationFailsIsNotTriedAgainAndTheFailureStaysInTheBackground() {
        Preparing failing = new Preparing("failing", true);
        TaskTypeRegistry registry = new TaskTypeRegistry(List.of(failing));
        TaskPreparation preparation = new TaskPreparation();

        assertThatCode(() -> preparation.prepare(registry, List.of("failing"))).doesNotThrowAnyException();
        preparation.prepare(registry, List.of("failing"));
        assertThat(failing.prepared).hasValue(1);
    }
}
