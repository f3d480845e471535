package io.orderhub.store;

/**
 * What must happen after a write and before the platform is told its order is safe. A real MongoDB gets
 * that from its write concern (majority, journaled), so only the embedded store has work to do here.
 */
@FunctionalInterface
public interface StoreDurability {

    void awaitDurable();

    StoreDurability WRITE_CONCERN = () -> { };
}
