package io.orderhub.bench;

import io.orderhub.store.EmbeddedMongoStore;

/**
 * The production shape's store for the benchmark: the hub's Mongo-wire store (H2 file) as a process of its own,
 * reached over TCP. Arguments: data directory, port. Prints {@code READY <uri>} once it listens.
 *
 * <p>Started journaled ({@link EmbeddedMongoStore#startJournaled}): every write command is answered only once a
 * sync covers it (concurrent commands share one), as a real MongoDB answers {@code j:true}, so an
 * acknowledgement is durable in this shape too.
 */
public final class StoreProcess {

    private StoreProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongoStore store = EmbeddedMongoStore.startJournaled(args[0], Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        System.out.println("READY " + store.connectionString());
        Thread.currentThread().join();
    }
}
