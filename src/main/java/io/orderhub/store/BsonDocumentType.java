package io.orderhub.store;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Stored documents of the embedded store as BSON, the form they arrive and leave in. H2's default type
 * writes each one with Java serialization (16 % of the hub's CPU in a profile under load, with the index
 * keys); BSON is what the wire server decodes and encodes anyway, and it keeps every value type of the wire
 * protocol.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();
    private static final int INITIAL_BUFFER = 16 * 1024;
    /** A buffer a rare large document grew beyond this is let go rather than kept for the thread's life. */
    private static final int MAX_KEPT_BUFFER = 1024 * 1024;
    private static final ThreadLocal<ByteBuf> BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(INITIAL_BUFFER));

    private BsonDocumentType() {
    }

    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    /** The heap a decoded document takes, roughly: what H2's page cache counts against its size. */
    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int memory = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                memory += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return memory;
        } else if (value instanceof Collection<?> values) {
            int memory = 40;
            for (Object each : values) {
                memory += 8 + estimate(each);
            }
            return memory;
        } else if (value instanceof String text) {
            return 40 + text.length();
        }
        return 24;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = encoded(document);
        int length = bson.readableBytes();
        buffer.putVarInt(length);
        buffer.put(bson.nioBuffer(0, length));
    }

    /** The document's size as BSON, as {@code collStats} reports it. */
    static int size(Document document) {
        return encoded(document).readableBytes();
    }

    /**
     * The document encoded into this thread's buffer, valid until the thread's next call. A commit writes every
     * document of every page it changed; a buffer per document, grown from 1 KB to an order's size (about 10 KB
     * for the Shopify fixture, its raw body included), was garbage and copies on every write.
     */
    private static ByteBuf encoded(Document document) {
        ByteBuf bson = BUFFER.get();
        if (bson.capacity() > MAX_KEPT_BUFFER) {
            bson = Unpooled.buffer(INITIAL_BUFFER);
            BUFFER.set(bson);
        }
        bson.clear();
        BsonEncoder.encodeDocument(document, bson);
        return bson;
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(bson);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
