package dev.freshet.tasks.data.parquet;

import com.github.luben.zstd.ZstdCompressCtx;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ColumnPagesTest {

    private static ColumnPages.Chunk encode(ColumnPlan plan, long... unscaled) {
        return ColumnPages.encode(plan, unscaled.length, null, unscaled, 1, new ChunkBuffers());
    }

    @Test
    void integersUpToTheirKindsPrecisionAreEncoded() {
        assertThat(encode(ColumnPlan.decimal32("d", 2), 999_999_999L, -999_999_999L, 0)
                        .uncompressedPageSize())
                .isEqualTo(12);
        assertThat(encode(ColumnPlan.decimal64("e", 2), 999_999_999_999_999_999L, -999_999_999_999_999_999L)
                        .uncompressedPageSize())
                .isEqualTo(16);
    }

    @Test
    void anIntegerPastItsKindsPrecisionIsRefusedWithItsRow() {
        assertThatThrownBy(() -> encode(ColumnPlan.decimal32("d", 2), 5, 1_000_000_000L, Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column d, row 1: 1000000000 has more digits than DECIMAL32 holds (9)");
        assertThatThrownBy(() -> encode(ColumnPlan.decimal32("d", 2), 5, 6, -1_000_000_000L))
                .hasMessageContaining("row 2: -1000000000");
        assertThatThrownBy(() -> encode(ColumnPlan.decimal64("e", 2), Long.MIN_VALUE))
                .hasMessageContaining("row 0: " + Long.MIN_VALUE);
        assertThatThrownBy(() -> encode(ColumnPlan.decimal64("e", 2), 0, Long.MAX_VALUE))
                .hasMessageContaining("row 1: " + Long.MAX_VALUE);
    }

    @Test
    void theCompressionContextOfAScratchNoThreadHoldsIsClosed() {
        ColumnPages.Scratch scratch = new ColumnPages.Scratch();
        ZstdCompressCtx context = scratch.zstd(1);
        ColumnPages.ContextCloser closer = scratch.closer();
        byte[] page = new byte[100];
        byte[] into = new byte[200];
        assertThat(context.compressByteArray(into, 0, into.length, page, 0, page.length))
                .isPositive();
        Reference.reachabilityFence(scratch);
        scratch = null; // nothing holds the scratch now; the test holds its context and closer, never using them again

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    System.gc();
                    return closer.closed();
                });
        assertThatThrownBy(() -> context.compressByteArray(into, 0, into.length, page, 0, page.length))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aContextReplacedForAnotherLevelIsClosedAtOnce() {
        ColumnPages.Scratch scratch = new ColumnPages.Scratch();
        scratch.zstd(1);
        ColumnPages.ContextCloser first = scratch.closer();

        scratch.zstd(3);

        assertThat(first.closed()).isTrue();
        assertThat(scratch.closer().closed()).isFalse();
        Reference.reachabilityFence(scratch);
    }
}
