package io.orderhub.reconcile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.problem.Problems;
import io.orderhub.reconcile.OrdersApi.Page;
import io.orderhub.reconcile.OrdersApi.Window;

/**
 * Paging by key for an API that lists orders updated from a time on (inclusive, to the second), oldest change
 * first, with an offset: the position is the update time of the last order read and the ids read at that
 * second. The next page asks from that second again and drops those ids, so an order changed during the run
 * (it leaves its place and comes back later, with its new time) shifts nothing that is still to be read, as
 * an offset inside a fixed window would.
 *
 * <p>Only when more orders share one second than a page holds does the listing fall back to an offset, within
 * that second alone ({@code skip}, counted in the position), so the run ends; an order of that second changed
 * during the run then shifts the rest of the second by one place.
 *
 * @param at   the update time of the last order read; null before the first page (the window's start)
 * @param read the ids read at {@code at}, while they are fewer than a page
 * @param skip orders of {@code at} to skip by offset, once a whole page shared that second; else 0
 */
public record Keyset(Instant at, Set<String> read, int skip) {

    private static final Keyset FIRST = new Keyset(null, Set.of(), 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page's position ({@code null} for the first page) as a keyset. */
    public static Keyset of(String position) {
        if (position == null) {
            return FIRST;
        }
        JsonNode node;
        try {
            node = JSON.readTree(position);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a keyset position: " + position, e);
        }
        Set<String> read = new LinkedHashSet<>();
        node.path("read").forEach(id -> read.add(id.asText()));
        return new Keyset(Instant.parse(node.path("at").asText()), read, node.path("skip").asInt());
    }

    /** The second the page asks from: the last order's, or the window's start. */
    public Instant from(Window window) {
        return (at == null ? window.from() : at).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The offset the page asks with: 0 unless one second holds more orders than a page. */
    public int offset() {
        return skip;
    }

    /** For an API that pages by number: the page holding {@link #offset}. */
    public int page(int limit) {
        return skip / limit + 1;
    }

    /**
     * The page read from {@link #from} at {@link #offset}: the orders not read before, and where the next page
     * starts, or null when the listing answered fewer than {@code limit} orders (its last page).
     */
    public Page next(List<JsonNode> listed, int limit, Function<JsonNode, Instant> updatedAt,
            Function<JsonNode, String> id) {
        return next(listed, listed.size() >= limit, limit, updatedAt, id);
    }

    /** The same for page {@link #page} of an API that pages by number, whose first orders may lie before the offset. */
    public Page nextOfPage(List<JsonNode> page, int limit, Function<JsonNode, Instant> updatedAt,
            Function<JsonNode, String> id) {
        List<JsonNode> listed = page.subList(Math.min(page.size(), skip % limit), page.size());
        return next(listed, page.size() >= limit, limit, updatedAt, id);
    }

    private Page next(List<JsonNode> listed, boolean full, int limit, Function<JsonNode, Instant> updatedAt,
            Function<JsonNode, String> id) {
        List<JsonNode> fresh = new ArrayList<>();
        Instant last = at;
        Set<String> readAtLast = new LinkedHashSet<>(read);
        int skippedAtLast = skip;
        Instant previous = null;
        for (JsonNode order : listed) {
            Instant updated = updatedAt.apply(order).truncatedTo(ChronoUnit.SECONDS);
            if (previous != null && updated.isBefore(previous)) {
                // Paging by key relies on the order the listing was asked for; without it orders would be skipped.
                throw new Problems.UpstreamUnavailable("The order API did not list oldest change first (" + updated
                        + " after " + previous + "); reconciliation stopped at its last stored page.", 3600, null);
            }
            previous = updated;
            String orderId = id.apply(order);
            if (at != null && (updated.isBefore(at) || (updated.equals(at) && read.contains(orderId)))) {
                continue;
            }
            fresh.add(order);
            if (!updated.equals(last)) {
                last = updated;
                readAtLast = new LinkedHashSet<>();
                skippedAtLast = 0;
            }
            readAtLast.add(orderId);
        }
        if (!full) {
            return new Page(fresh, null);
        }
        if (fresh.isEmpty()) {
            // A full page of orders read before (or older, against the API's word): step over it by offset.
            return new Page(fresh, new Keyset(at, Set.of(), skip + listed.size()).position());
        }
        int readInSecond = skippedAtLast + readAtLast.size();
        Keyset next = skippedAtLast > 0 || readInSecond >= limit ? new Keyset(last, Set.of(), readInSecond)
                : new Keyset(last, readAtLast, 0);
        return new Page(fresh, next.position());
    }

    /** The position the checkpoint keeps: {@code {"at":"…","read":[…],"skip":n}}. */
    String position() {
        ObjectNode node = JSON.createObjectNode();
        node.put("at", at.toString());
        ArrayNode ids = node.putArray("read");
        read.forEach(ids::add);
        node.put("skip", skip);
        return node.toString();
    }
}
