package io.orderhub.mongo;

/**
 * What must happen after a write and before the platform is told its order is safe. A real MongoDB gets
 * that from its write concern (majority, journaled); the embedded store needs an explicit group commit, which
 * its configuration supplies as this bean.
 */
@FunctionalInterface
public interface StoreDurability {

    void awaitDurable();

    StoreDurability WRITE_CONCERN = () -> { };
}
