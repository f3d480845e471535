package io.orderhub.bench;

import io.orderhub.store.EmbeddedMongoStore;

/**
 * The production shape's store for the benchmark: the hub's Mongo-wire store (H2 file) as a process of its own,
 * reached over TCP. Arguments: data directory, port. Prints {@code READY <uri>} once it listens.
 *
 * <p>Nobody calls {@code awaitDurable()} in this process: the wire server commits its file in the background
 * every second and ignores a journaled write concern, so this shape measures the hub's pipeline against a store
 * over TCP, not fsync-per-acknowledgement durability (a real MongoDB with {@code j:true} gives that).
 */
public final class StoreProcess {

    private StoreProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongoStore store = EmbeddedMongoStore.start(args[0], Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        System.out.println("READY " + store.connectionString());
        Thread.currentThread().join();
    }
}
