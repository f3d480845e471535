package io.orderhub.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Index keys of the embedded store, compared in memory and written with a type tag per value. H2's default
 * type keeps a {@link KeyValue} (not {@link Comparable}) as Java-serialized bytes and serializes both sides of
 * every comparison of a lookup's binary search: 13 % of the hub's CPU in a profile under load. Two keys are
 * equal exactly when their values are of the same classes and equal, as before. Keys sort value by value, and
 * a key before the longer keys it begins; {@link KeyedSecondaryIndex} relies on that to find the entries of one
 * value together. No unique-index query depends on the order (ranges and regular expressions scan). Values of
 * other types than the tagged ones still compare by their serialized bytes; none of the hub's keys has one.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final byte NULL = 0;
    private static final byte MISSING = 1;
    private static final byte STRING = 2;
    private static final byte INTEGER = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte BOOLEAN = 6;
    /** Any other value: its Java serialization, as H2 kept the whole key before. */
    private static final byte SERIALIZED = 7;

    private IndexKeyType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareValues(Object a, Object b) {
        byte tagA = tag(a);
        byte tagB = tag(b);
        if (tagA != tagB) {
            return Byte.compare(tagA, tagB);
        }
        return switch (tagA) {
            case NULL, MISSING -> 0;
            case STRING -> ((String) a).compareTo((String) b);
            case INTEGER -> Integer.compare((Integer) a, (Integer) b);
            case LONG -> Long.compare((Long) a, (Long) b);
            case DOUBLE -> Double.compare((Double) a, (Double) b);
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            default -> Arrays.compare(serialize(a), serialize(b));
        };
    }

    private static byte tag(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof Missing) {
            return MISSING;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof Integer) {
            return INTEGER;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        }
        return SERIALIZED;
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 48;
        for (Object value : key) {
            memory += value instanceof String text ? 40 + 2 * text.length() : 24;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            byte tag = tag(value);
            buffer.put(tag);
            switch (tag) {
                case STRING -> {
                    String text = (String) value;
                    buffer.putVarInt(text.length()).putStringData(text, text.length());
                }
                case INTEGER -> buffer.putVarInt((Integer) value);
                case LONG -> buffer.putVarLong((Long) value);
                case DOUBLE -> buffer.putDouble((Double) value);
                case BOOLEAN -> buffer.put((byte) ((Boolean) value ? 1 : 0));
                case SERIALIZED -> {
                    byte[] bytes = serialize(value);
                    buffer.putVarInt(bytes.length).put(bytes);
                }
                default -> {
                    // null and Missing: the tag says it all
                }
            }
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte tag = buffer.get();
            values.add(switch (tag) {
                case NULL -> null;
                case MISSING -> Missing.getInstance();
                case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
                case INTEGER -> DataUtils.readVarInt(buffer);
                case LONG -> DataUtils.readVarLong(buffer);
                case DOUBLE -> buffer.getDouble();
                case BOOLEAN -> buffer.get() == 1;
                case SERIALIZED -> {
                    byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                    buffer.get(bytes);
                    yield deserialize(bytes);
                }
                default -> throw new IllegalStateException("Unknown index key tag " + tag);
            });
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
