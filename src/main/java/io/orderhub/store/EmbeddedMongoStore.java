package io.orderhub.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's store: a MongoDB-wire server in this process, so every other class talks to it
 * through the official driver exactly as it would to a real MongoDB. With a data directory it keeps its
 * data in an H2 MVStore file there; without one (tests) it keeps it in memory.
 *
 * <p>Crash safety. An MVStore commit appends a chunk to its file; a crash leaves the last complete chunk,
 * so whatever a commit covered survives {@code kill -9} (the OS keeps written pages) and, after
 * {@code sync()} (an fsync), a power loss too. What a commit must never cover is half a command: the wire
 * server writes an inserted document first and its index entries after it, without a lock, so H2's own
 * background auto-commit (or a group commit made for another request) could persist a document whose
 * unique-index entry is missing, and a redelivery after the restart would become a second order. Hence
 * auto-commit is off, every command runs under the read side of a lock and every commit takes the write
 * side: each commit holds whole commands only.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);
    private static final long BACKGROUND_COMMIT_MILLIS = 1000;

    private final MongoServer server;
    private final MVStore mvStore;
    private final InetSocketAddress address;
    private final ReadWriteLock commands;
    private final ScheduledExecutorService committer;
    private final Object syncLock = new Object();
    private final AtomicLong writes = new AtomicLong();
    private long syncedWrites;

    private EmbeddedMongoStore(MongoServer server, MVStore mvStore, InetSocketAddress address, ReadWriteLock commands) {
        this.server = server;
        this.mvStore = mvStore;
        this.address = address;
        this.commands = commands;
        this.committer = mvStore == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "embedded-store-commit");
            thread.setDaemon(true);
            return thread;
        });
        if (committer != null) {
            // Writes nobody waits for (history entries, delivery states) still reach the file within a second.
            committer.scheduleWithFixedDelay(this::commitInBackground, BACKGROUND_COMMIT_MILLIS, BACKGROUND_COMMIT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    public static EmbeddedMongoStore start(String dataDir, int port) {
        return start(dataDir, port, false);
    }

    /**
     * A store serving other processes over TCP (the benchmark's production shape): their clients cannot call
     * {@link #awaitDurable()}, so every write command is answered only once a sync covers it, as a real
     * MongoDB answers a journaled write. Concurrent commands share the sync.
     */
    public static EmbeddedMongoStore startJournaled(String dataDir, int port) {
        return start(dataDir, port, true);
    }

    private static EmbeddedMongoStore start(String dataDir, int port, boolean journaled) {
        MVStore mvStore = null;
        MongoServer server;
        ReadWriteLock commands = new ReentrantReadWriteLock(true);
        if (dataDir != null && !dataDir.isBlank()) {
            Path dir = Path.of(dataDir).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data directory " + dir, e);
            }
            mvStore = new MVStore.Builder().fileName(dir.resolve("orderhub.mv.db").toString()).autoCommitDisabled().open();
        }
        JournaledWrites journal = new JournaledWrites();
        server = mvStore == null ? new MongoServer(new MemoryBackend())
                : new MongoServer(new WholeCommandH2Backend(mvStore, commands, journaled ? journal : null));
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB-wire store listening on mongodb://127.0.0.1:{} ({}{})", address.getPort(),
                mvStore == null ? "in memory" : Path.of(dataDir).toAbsolutePath().resolve("orderhub.mv.db"),
                journaled ? ", every write answered once synced" : "");
        EmbeddedMongoStore store = new EmbeddedMongoStore(server, mvStore, address, commands);
        journal.store = store;
        return store;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    /**
     * Commits and fsyncs the MVStore. Concurrent callers share one sync: whoever gets the lock syncs every
     * write made so far, and callers whose write it covered return without syncing again (group commit).
     */
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
            commitWholeCommands();
            mvStore.sync();
            syncedWrites = covered;
        }
    }

    private void commitInBackground() {
        try {
            if (!mvStore.isClosed() && mvStore.hasUnsavedChanges()) {
                commitWholeCommands();
            }
        } catch (RuntimeException e) {
            log.warn("Background commit of the embedded store failed: {}", e.toString());
        }
    }

    private void commitWholeCommands() {
        commands.writeLock().lock();
        try {
            mvStore.commit();
        } finally {
            commands.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        if (mvStore != null) {
            committer.shutdownNow();
            commands.writeLock().lock();
            try {
                if (!mvStore.isClosed()) {
                    mvStore.close();
                }
            } finally {
                commands.writeLock().unlock();
            }
        }
    }

    /** Syncs after a write command, for {@link #startJournaled}; set once the store exists. */
    private static final class JournaledWrites {
        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify");
        private volatile EmbeddedMongoStore store;

        void afterCommand(String command) {
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                store.awaitDurable();
            }
        }
    }

    /**
     * Runs each wire command under the read lock, so commits (the write lock) fall between commands; with a
     * journal, answers a write only once it is synced (outside the read lock, which the commit needs).
     */
    private static final class WholeCommandH2Backend extends H2Backend {

        private final ReadWriteLock commands;
        private final JournaledWrites journal;

        WholeCommandH2Backend(MVStore mvStore, ReadWriteLock commands, JournaledWrites journal) {
            super(mvStore);
            this.commands = commands;
            this.journal = journal;
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new CompactH2Database(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            Document answer;
            commands.readLock().lock();
            try {
                answer = super.handleCommand(channel, databaseName, command, query);
            } finally {
                commands.readLock().unlock();
            }
            if (journal != null) {
                journal.afterCommand(command);
            }
            return answer;
        }
    }
}
