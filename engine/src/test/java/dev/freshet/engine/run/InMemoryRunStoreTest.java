package dev.freshet.engine.run;

/** The in-memory store keeps the contract of every {@link RunStore}. */
class InMemoryRunStoreTest extends RunStoreContractTest {
    @Override
    protected RunStore newStore() {
        return new InMemoryRunStore();
    }

    @Override
    protected long experimentId(RunStore store) {
        return 1;
    }
}
