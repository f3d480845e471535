package io.orderhub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.orderhub.problem.Problems;
import io.orderhub.reconcile.OrdersApi.Page;
import io.orderhub.reconcile.OrdersApi.Window;
import org.junit.jupiter.api.Test;

/** Paging by update time and id, against a listing that filters from a second on and cuts by offset. */
class KeysetTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final Window WINDOW = new Window(T.minusSeconds(3600), T.plusSeconds(3600));
    private static final int LIMIT = 2;

    private final List<JsonNode> store = new ArrayList<>();

    @Test
    void moreOrdersInOneSecondThanAPageHoldsAreReadOnceEachAndTheRunEnds() {
        for (int id = 1; id <= 5; id++) {
            store.add(order(id, T));
        }

        assertThat(readAll(null)).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void theLastOrderReadChangingDuringTheRunShiftsNothingStillToBeRead() {
        for (int id = 1; id <= 5; id++) {
            store.add(order(id, T.plusSeconds(id)));
        }

        List<String> read = readAll(1);

        assertThat(read).containsExactly("1", "2", "3", "4", "5", "2");
    }

    @Test
    void aListingOutOfUpdateOrderStopsTheRunRatherThanSkip() {
        Keyset first = Keyset.of(null);

        assertThatThrownBy(() -> first.next(List.of(order(1, T.plusSeconds(5)), order(2, T)), LIMIT,
                KeysetTest::updatedAt, o -> o.path("id").asText()))
                .isInstanceOf(Problems.UpstreamUnavailable.class);
    }

    /** Reads page after page; after page {@code changeAfter} the last order read changes to a later time. */
    private List<String> readAll(Integer changeAfter) {
        List<String> read = new ArrayList<>();
        String position = null;
        int pages = 0;
        do {
            Keyset keyset = Keyset.of(position);
            Page page = keyset.next(listing(keyset.from(WINDOW), keyset.offset()), LIMIT, KeysetTest::updatedAt,
                    o -> o.path("id").asText());
            page.orders().forEach(o -> read.add(o.path("id").asText()));
            position = page.next();
            if (changeAfter != null && ++pages == changeAfter) {
                String last = read.get(read.size() - 1);
                store.replaceAll(o -> o.path("id").asText().equals(last) ? order(Integer.parseInt(last), T.plusSeconds(60)) : o);
            }
            assertThat(pages).as("the run ends").isLessThan(20);
        } while (position != null);
        return read;
    }

    private List<JsonNode> listing(Instant from, int offset) {
        return store.stream().filter(o -> !updatedAt(o).isBefore(from))
                .sorted(Comparator.comparing(KeysetTest::updatedAt).thenComparing(o -> o.path("id").asInt()))
                .skip(offset).limit(LIMIT).toList();
    }

    private static JsonNode order(int id, Instant updated) {
        return JsonNodeFactory.instance.objectNode().put("id", String.valueOf(id)).put("updated", updated.toString());
    }

    private static Instant updatedAt(JsonNode order) {
        return Instant.parse(order.path("updated").asText());
    }
}
