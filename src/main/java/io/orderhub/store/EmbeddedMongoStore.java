package io.orderhub.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's store: a MongoDB-wire server in this process, so every other class talks to it
 * through the official driver exactly as it would to a real MongoDB. With a data directory it keeps its
 * data in an H2 MVStore file there; without one (tests) it keeps it in memory.
 */
public final class EmbeddedMongoStore implements StoreDurability, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);

    private final MongoServer server;
    private final MVStore mvStore;
    private final InetSocketAddress address;
    private final Object syncLock = new Object();
    private final AtomicLong writes = new AtomicLong();
    private long syncedWrites;

    private EmbeddedMongoStore(MongoServer server, MVStore mvStore, InetSocketAddress address) {
        this.server = server;
        this.mvStore = mvStore;
        this.address = address;
    }

    public static EmbeddedMongoStore start(String dataDir, int port) {
        MVStore mvStore = null;
        MongoServer server;
        if (dataDir == null || dataDir.isBlank()) {
            server = new MongoServer(new MemoryBackend());
        } else {
            Path dir = Path.of(dataDir).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data directory " + dir, e);
            }
            // Commits are ours to make (see awaitDurable): H2's background auto-commit alone could lose
            // the last second of acknowledged orders in a crash.
            mvStore = new MVStore.Builder().fileName(dir.resolve("orderhub.mv.db").toString()).open();
            server = new MongoServer(new H2Backend(mvStore));
        }
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB-wire store listening on mongodb://127.0.0.1:{} ({})", address.getPort(),
                mvStore == null ? "in memory" : Path.of(dataDir).toAbsolutePath().resolve("orderhub.mv.db"));
        return new EmbeddedMongoStore(server, mvStore, address);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /**
     * Commits and fsyncs the MVStore. Concurrent callers share one sync: whoever gets the lock syncs every
     * write made so far, and callers whose write it covered return without syncing again (group commit).
     */
    @Override
    public void awaitDurable() {
        if (mvStore == null) {
            return;
        }
        long mine = writes.incrementAndGet();
        synchronized (syncLock) {
            if (syncedWrites >= mine) {
                return;
            }
            long covered = writes.get();
            mvStore.commit();
            mvStore.sync();
            syncedWrites = covered;
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        if (mvStore != null && !mvStore.isClosed()) {
            mvStore.close();
        }
    }
}
