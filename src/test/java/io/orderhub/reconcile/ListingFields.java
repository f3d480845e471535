package io.orderhub.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/** A listing whose update time sits in one field and whose id in another: what most of them share. */
abstract class ListingFields implements Listing {
    private final String platform;
    private final String storeUid;
    private final String idField;
    protected final String updatedField;
    protected final String listingPath;

    /** @param listingPath the listing's path (a listing that is recognised otherwise overrides {@link #lists}) */
    ListingFields(String platform, String storeUid, String listingPath, String idField, String updatedField) {
        this.platform = platform;
        this.storeUid = storeUid;
        this.listingPath = listingPath;
        this.idField = idField;
        this.updatedField = updatedField;
    }

    @Override
    public boolean lists(Request request) {
        return request.path().equals(listingPath);
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public String toString() {
        return platform;
    }

    @Override
    public String storeUid() {
        return storeUid;
    }

    @Override
    public Map<String, String> apiBlock() {
        return Map.of();
    }

    @Override
    public String id(JsonNode order) {
        return order.path(idField).asText();
    }

    @Override
    public Instant updatedAt(JsonNode order) {
        return parse(order.path(updatedField).asText());
    }

    @Override
    public JsonNode changedAt(JsonNode order, Instant at) {
        ObjectNode copy = order.deepCopy();
        copy.put(updatedField, format(at));
        return copy;
    }

    @Override
    public String credential(Request request) {
        return request.headers().get("Authorization");
    }

    abstract Instant parse(String time);

    abstract String format(Instant at);

    /** The fixture order (its api response at {@code path}, or its body) with id {@code id} changed at {@code at}. */
    ObjectNode fixtureOrder(JsonNode fixtureOrder, Object id, Instant at) {
        ObjectNode order = fixtureOrder.deepCopy();
        if (id instanceof Long number) {
            order.put(idField, number);
        } else {
            order.put(idField, id.toString());
        }
        order.put(updatedField, format(at));
        return order;
    }

    static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

static ArrayNode array(Listing.Slice slice) {
    return Fixture.JSON.valueToTree(slice.orders());
}

static JsonNode body(String fixture) {
    return read(Fixture.named(fixture).last().rawBody());
}

static JsonNode response(String fixture, String path) {
    return Fixture.named(fixture).apiResponses().get(path);
}

static JsonNode read(String json) {
    try {
        return Fixture.JSON.readTree(json);
    } catch (IOException e) {
        throw new UncheckedIOException(e);
    }
}
}
