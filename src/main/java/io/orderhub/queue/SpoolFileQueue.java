package io.orderhub.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's queue: an append-only file of length-prefixed JSON records,
 * {@code import-queue.spool}, and the offset of the first record not yet imported,
 * {@code import-queue.offset}. An append returns once {@code FileChannel.force} covered it; concurrent
 * appenders share one force (group commit, like the embedded store). A record cut short by a crash was
 * never acknowledged and is cut off when the file is opened again.
 */
public final class SpoolFileQueue implements ImportQueue {

    private static final Logger log = LoggerFactory.getLogger(SpoolFileQueue.class);
    private static final String ID_PREFIX = "spool-";

    private final Path spool;
    private final Path checkpointFile;
    private final FileChannel channel;
    private final ObjectMapper json;
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();
    private final AtomicLong depth = new AtomicLong();
    private long appended;
    private long synced;
    private volatile long checkpoint;

    private SpoolFileQueue(Path dir, ObjectMapper json) throws IOException {
        Files.createDirectories(dir);
        this.spool = dir.resolve("import-queue.spool");
        this.checkpointFile = dir.resolve("import-queue.offset");
        this.json = json;
        this.channel = FileChannel.open(spool, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long saved = Files.exists(checkpointFile) ? ByteBuffer.wrap(Files.readAllBytes(checkpointFile)).getLong() : 0;
        this.checkpoint = saved > channel.size() ? 0 : saved;
        recover();
    }

    public static SpoolFileQueue open(Path dir, ObjectMapper json) {
        try {
            return new SpoolFileQueue(dir, json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the import queue spool in " + dir, e);
        }
    }

    /** Counts the complete records after the checkpoint and cuts off a record a crash left half written. */
    private void recover() throws IOException {
        long position = checkpoint;
        long size = channel.size();
        long records = 0;
        while (position + Integer.BYTES <= size) {
            int length = readLength(position);
            if (length < 0 || position + Integer.BYTES + length > size) {
                break;
            }
            position += Integer.BYTES + length;
            records++;
        }
        if (position < size) {
            log.warn("Cutting off {} bytes of an unacknowledged record at the end of {}", size - position, spool);
            channel.truncate(position);
            channel.force(true);
        }
        depth.set(records);
        if (records > 0) {
            log.info("Import queue {} holds {} deliveries to import", spool, records);
        }
    }

    @Override
    public String append(QueuedDelivery delivery) {
        try {
            byte[] record = json.writeValueAsBytes(delivery.withQueueId(null));
            ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + record.length).putInt(record.length).put(record).flip();
            long offset;
            long mine;
            synchronized (appendLock) {
                offset = channel.size();
                while (buffer.hasRemaining()) {
                    channel.write(buffer, offset + buffer.position());
                }
                mine = ++appended;
            }
            awaitSynced(mine);
            depth.incrementAndGet();
            return ID_PREFIX + offset;
        } catch (IOException e) {
            throw new QueueUnavailableException("Cannot append to the import queue spool " + spool, e);
        }
    }

    /** One force covers every append made before it: callers it covered return without forcing again. */
    private void awaitSynced(long mine) throws IOException {
        synchronized (syncLock) {
            if (synced >= mine) {
                return;
            }
            long covered;
            synchronized (appendLock) {
                covered = appended;
            }
            channel.force(true);
            synced = covered;
        }
    }

    @Override
    public List<QueuedDelivery> oldest(int max) {
        List<QueuedDelivery> entries = new ArrayList<>();
        try {
            long position = checkpoint;
            long size = channel.size();
            while (entries.size() < max && position + Integer.BYTES <= size) {
                int length = readLength(position);
                if (position + Integer.BYTES + length > size) {
                    break;
                }
                ByteBuffer record = ByteBuffer.allocate(length);
                while (record.hasRemaining()) {
                    channel.read(record, position + Integer.BYTES + record.position());
                }
                entries.add(json.readValue(record.array(), QueuedDelivery.class).withQueueId(ID_PREFIX + position));
                position += Integer.BYTES + length;
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the import queue spool " + spool, e);
        }
    }

    @Override
    public void acknowledge(QueuedDelivery delivery) {
        long offset = Long.parseLong(delivery.queueId().substring(ID_PREFIX.length()));
        if (offset != checkpoint) {
            throw new IllegalStateException("Spool entries are acknowledged in order: expected offset " + checkpoint
                    + ", got " + offset);
        }
        try {
            long next = offset + Integer.BYTES + readLength(offset);
            synchronized (appendLock) {
                if (next == channel.size()) {
                    // Everything imported: start the file again. A crash between the two steps leaves a
                    // checkpoint beyond the end, which opening reads as zero.
                    channel.truncate(0);
                    channel.force(true);
                    next = 0;
                }
                writeCheckpoint(next);
            }
            depth.decrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the import queue checkpoint of " + spool, e);
        }
    }

    private void writeCheckpoint(long offset) throws IOException {
        Path next = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.allocate(Long.BYTES).putLong(offset).flip());
            out.force(true);
        }
        Files.move(next, checkpointFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        checkpoint = offset;
    }

    private int readLength(long position) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        while (length.hasRemaining()) {
            if (channel.read(length, position + length.position()) < 0) {
                return -1;
            }
        }
        return length.flip().getInt();
    }

    @Override
    public long depth() {
        return depth.get();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Closing the import queue spool {} failed: {}", spool, e.toString());
        }
    }
}
