package io.orderhub.store;

import java.util.concurrent.CountDownLatch;

/**
 * The embedded Mongo-wire store as a process of its own, for the production shape on one machine
 * ({@code ops/cluster.sh}) and the benchmark: the hub's roles reach it over TCP as they would reach MongoDB.
 * Arguments: data directory, port. Prints {@code READY <uri>} once it listens.
 *
 * <p>Started from the packaged jar without Spring (nothing of the hub runs here):
 * {@code java -cp order-import-hub.jar -Dloader.main=io.orderhub.store.StoreServer
 * org.springframework.boot.loader.launch.PropertiesLauncher DIR PORT}.
 *
 * <p>Journaled ({@link EmbeddedMongoStore#startJournaled}): every write command is answered only once a sync
 * covers it (concurrent commands share one), as a real MongoDB answers {@code j:true}, so an acknowledgement
 * is durable in this shape too. SIGTERM closes the files cleanly; SIGKILL loses nothing acknowledged.
 */
public final class StoreServer {

    private StoreServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: StoreServer DATA_DIR PORT");
            System.exit(2);
        }
        EmbeddedMongoStore store = EmbeddedMongoStore.startJournaled(args[0], Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            stopped.countDown();
        }, "store-shutdown"));
        System.out.println("READY " + store.connectionString());
        System.out.flush();
        stopped.await();
    }
}
