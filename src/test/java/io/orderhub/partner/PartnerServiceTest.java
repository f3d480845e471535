package io.orderhub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.ShopifyOrders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The real Partner Service role, over HTTP: the registry, matching by zone and rules, atomic capacity, and
 * the embedded default's import role assigning through it (calling its own process over HTTP).
 */
@HubTest
@TestPropertySource(properties = {"orderhub.admin.api-key=" + PartnerServiceTest.ADMIN_KEY,
        "orderhub.assignment.poll-interval=100ms"})
class PartnerServiceTest extends HubTestSupport {

    @Autowired
    PartnerRegistry registry;
    @Autowired
    PartnerAssigner assigner;

    static final String ADMIN_KEY = "partner-test-admin-key";
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_KEY);

    @Test
    void registryIsForOperatorsOnly() {
        assertThat(hub().get("/partners").status()).isEqualTo(401);
        assertThat(hub().request("POST", "/partners", Map.of(), partner("nobody", "FI", 1)).status()).isEqualTo(401);
        assertThat(hub().request("POST", "/partners/assign", Map.of("Authorization", "Bearer wrong"),
                order("ord_x", "FI", "00100", "Helsinki", "10.00")).status()).isEqualTo(401);
    }

    @Test
    void partnerIsCreatedReadReplacedAndDeleted() {
        assertThat(hub().request("POST", "/partners", ADMIN, partner("crud-couriers", "PT", 3)).status()).isEqualTo(201);
        assertThat(hub().request("POST", "/partners", ADMIN, partner("crud-couriers", "PT", 3)).status()).isEqualTo(409);

        JsonNode read = hub().request("GET", "/partners/crud-couriers", ADMIN, null).json();
        assertThat(read.path("capacity").asInt()).isEqualTo(3);
        assertThat(read.path("active_orders").asInt()).isZero();
        assertThat(read.path("zones").get(0).path("postal_prefixes").get(0).asText()).isEqualTo("10");

        assertThat(hub().request("PUT", "/partners/crud-couriers", ADMIN, partner("crud-couriers", "PT", 9)).status()).isEqualTo(200);
        assertThat(hub().request("GET", "/partners/crud-couriers", ADMIN, null).json().path("capacity").asInt()).isEqualTo(9);
        assertThat(hub().request("GET", "/partners", ADMIN, null).json().path("items").toString()).contains("crud-couriers", "fast-couriers");

        assertThat(hub().request("DELETE", "/partners/crud-couriers", ADMIN, null).status()).isEqualTo(204);
        assertThat(hub().request("GET", "/partners/crud-couriers", ADMIN, null).status()).isEqualTo(404);
    }

    @Test
    void importedOrderIsAssignedToTheClosestFittingPartner() {
        String orderId = ShopifyOrders.importNew(hub(), ShopifyOrders.created(ShopifyOrders.nextId()));

        await().atMost(Duration.ofSeconds(10)).until(() -> "assigned".equals(delivery(orderId).path("status").asText()));
        JsonNode delivery = delivery(orderId);
        // Ottawa with coordinates: inside capital-bikes' 15 km circle, which outranks maple-parcel on priority.
        assertThat(delivery.path("partner_id").asText()).isEqualTo("capital-bikes");
        assertThat(delivery.path("needs_review").asBoolean()).isFalse();
        assertThat(delivery.path("assigned_at").asText()).isNotBlank();
        assertThat(ShopifyOrders.history(delivery)).containsExactly("pending", "assigning", "assigned");
        assertThat(activeOrders("capital-bikes")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void postalCodeDecidesWhenTheAddressHasNoCoordinates() {
        Answer answer = hub().request("POST", "/partners/assign", ADMIN, order("ord_postal_1", "CA", "K1A 0B1", "Ottawa", "40.00"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("partner_id")).isEqualTo("maple-parcel");
    }

    @Test
    void orderOutsideEveryZoneGetsConflict() {
        Answer answer = hub().request("POST", "/partners/assign", ADMIN, order("ord_nowhere_1", "NZ", "6011", "Wellington", "40.00"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.field("detail")).contains("No active partner serves");
    }

    @Test
    void orderAboveEveryPartnersLimitGetsConflict() {
        Answer answer = hub().request("POST", "/partners/assign", ADMIN, orderWithCurrency("ord_big_1", "US", "94103",
                "San Francisco", "900.00", "USD"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.field("detail")).contains("do not take this order");
    }

    @Test
    void twentyConcurrentAssignmentsNeverOverbookAPartner() throws Exception {
        assertThat(hub().request("POST", "/partners", ADMIN, partner("reykjavik-runners", "IS", 5)).status()).isEqualTo(201);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String body = order("ord_rush_" + i, "IS", "101", "Reykjavik", "20.00");
                answers.add(pool.submit((Callable<Answer>) () -> hub().request("POST", "/partners/assign", ADMIN, body)));
            }
            int assigned = 0;
            int refused = 0;
            for (Future<Answer> answer : answers) {
                int status = answer.get().status();
                assigned += status == 200 ? 1 : 0;
                refused += status == 409 ? 1 : 0;
            }
            assertThat(assigned).isEqualTo(5);
            assertThat(refused).isEqualTo(15);
            assertThat(activeOrders("reykjavik-runners")).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void assigningTheSameOrderAgainReservesNothingMore() {
        hub().request("POST", "/partners", ADMIN, partner("tallinn-tempo", "EE", 10));
        String body = order("ord_twice_1", "EE", "10111", "Tallinn", "20.00");

        Answer first = hub().request("POST", "/partners/assign", ADMIN, body);
        Answer second = hub().request("POST", "/partners/assign", ADMIN, body);

        assertThat(first.field("partner_id")).isEqualTo("tallinn-tempo");
        assertThat(second.field("partner_id")).isEqualTo("tallinn-tempo");
        assertThat(activeOrders("tallinn-tempo")).isEqualTo(1);
    }

    @Test
    void cancellationOnThePlatformReleasesThePartnersCapacityOnce() {
        hub().request("POST", "/partners", ADMIN, partner("ottawa-one-slot", "CA", 1)
                .replace("\"postal_prefixes\":[\"10\"]", "\"postal_prefixes\":[\"K0K\"]").replace("\"priority\":5", "\"priority\":0"));
        long platformId = ShopifyOrders.nextId();
        String orderId = ShopifyOrders.importNew(hub(), ShopifyOrders.created(platformId,
                ShopifyOrders.shippedTo("CA", "K0K 1A0", "Picton")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "assigned".equals(delivery(orderId).path("status").asText()));
        assertThat(delivery(orderId).path("partner_id").asText()).isEqualTo("ottawa-one-slot");
        assertThat(activeOrders("ottawa-one-slot")).isEqualTo(1);

        assertThat(hub().post(ShopifyOrders.cancelled(platformId)).field("status")).isEqualTo("updated");

        await().atMost(Duration.ofSeconds(10)).until(() -> activeOrders("ottawa-one-slot") == 0);
        assertThat(delivery(orderId).path("status").asText()).isEqualTo("cancelled");
        hub().post(ShopifyOrders.cancelled(platformId));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> activeOrders("ottawa-one-slot") == 0);
    }

    @Test
    void aUnitTakenWhoseReservationWasNeverWrittenCountsOnceWhenTheOrderComesBack() {
        hub().request("POST", "/partners", ADMIN, partner("vilnius-cut", "LT", 10).replace("Tallinn", "Vilnius"));
        // The store failed right after the unit was taken: the reservation document was never written.
        assertThat(registry.reserve(registered("vilnius-cut"), "ord_cut_1", System.currentTimeMillis())).isPresent();
        assertThat(activeOrders("vilnius-cut")).isEqualTo(1);

        Answer retried = hub().request("POST", "/partners/assign", ADMIN, order("ord_cut_1", "LT", "10111", "Vilnius", "20.00"));

        assertThat(retried.field("partner_id")).isEqualTo("vilnius-cut");
        assertThat(activeOrders("vilnius-cut")).isEqualTo(1);
        assertThat(registry.reservationOf("ord_cut_1")).contains("vilnius-cut");
        assertThat(hub().request("POST", "/partners/release", ADMIN, "{\"order_id\":\"ord_cut_1\"}").field("released_from"))
                .isEqualTo("vilnius-cut");
        assertThat(activeOrders("vilnius-cut")).isZero();
    }

    @Test
    void theSweepFinishesStepsThatNoCallComesBackFor() {
        hub().request("POST", "/partners", ADMIN, partner("riga-first", "LV", 10));
        hub().request("POST", "/partners", ADMIN, partner("riga-second", "LV", 10));
        long longAgo = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
        // A unit taken for an order whose reservation was never written, and one taken for an order that holds
        // its reservation at another partner (a concurrent call won), both cut short by a failure.
        registry.reserve(registered("riga-first"), "ord_sweep_1", longAgo);
        registry.reserve(registered("riga-first"), "ord_sweep_2", longAgo);
        PartnerRegistry.Unfinished won = registry.reserve(registered("riga-second"), "ord_sweep_2", longAgo).orElseThrow();
        assertThat(registry.record(won)).isTrue();
        registry.finish(won);
        // A step under way now is the call's own to finish.
        registry.reserve(registered("riga-second"), "ord_sweep_3", System.currentTimeMillis());

        assigner.settleStale(Duration.ofMinutes(1).toMillis());

        assertThat(registry.reservationOf("ord_sweep_1")).contains("riga-first");
        assertThat(registry.reservationOf("ord_sweep_2")).contains("riga-second");
        assertThat(activeOrders("riga-first")).isEqualTo(1);
        assertThat(activeOrders("riga-second")).isEqualTo(2);
        assertThat(registered("riga-first").unfinished()).isEmpty();
        assertThat(registered("riga-second").unfinished()).extracting(PartnerRegistry.Unfinished::orderId).containsExactly("ord_sweep_3");
        assertThat(registry.reservationOf("ord_sweep_3")).isEmpty();
    }

    @Test
    void aBatchTakesAPartnersUnitsTogetherAndNeverOverbooksIt() {
        assertThat(hub().request("POST", "/partners", ADMIN, partner("helsinki-batch", "FI", 5)).status()).isEqualTo(201);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            orders.add(order("ord_batch_fi_" + i, "FI", "10100", "Helsinki", "20.00"));
        }

        Answer answer = hub().request("POST", "/partners/assign-batch", ADMIN, "{\"orders\":[" + String.join(",", orders) + "]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode answers = answer.json().path("answers");
        assertThat(answers.findValuesAsText("order_id")).as("one answer per order, in order").containsExactly(
                "ord_batch_fi_0", "ord_batch_fi_1", "ord_batch_fi_2", "ord_batch_fi_3", "ord_batch_fi_4", "ord_batch_fi_5",
                "ord_batch_fi_6", "ord_batch_fi_7");
        assertThat(answers.findValuesAsText("partner_id")).hasSize(5).containsOnly("helsinki-batch");
        assertThat(answers.findValues("none_fits")).hasSize(3);
        assertThat(activeOrders("helsinki-batch")).isEqualTo(5);
        for (JsonNode item : answers) {
            assertThat(registry.reservationOf(item.path("order_id").asText()))
                    .isEqualTo(java.util.Optional.ofNullable(item.path("partner_id").asText(null)));
        }
    }

    @Test
    void aBatchAnswersAnOrderReservedBeforeWithItsReservationAndSettlesAStepLeftUnderWay() {
        hub().request("POST", "/partners", ADMIN, partner("oslo-batch", "NO", 10));
        hub().request("POST", "/partners/assign", ADMIN, order("ord_batch_no_0", "NO", "10150", "Oslo", "20.00"));
        // The store failed right after a unit was taken for this one: its reservation was never written.
        assertThat(registry.reserve(registered("oslo-batch"), "ord_batch_no_1", System.currentTimeMillis())).isPresent();
        String batch = "{\"orders\":[" + order("ord_batch_no_0", "NO", "10150", "Oslo", "20.00") + ","
                + order("ord_batch_no_1", "NO", "10150", "Oslo", "20.00") + ","
                + order("ord_batch_no_2", "NO", "10150", "Oslo", "20.00") + "]}";

        Answer answer = hub().request("POST", "/partners/assign-batch", ADMIN, batch);

        assertThat(answer.json().path("answers").findValuesAsText("partner_id")).containsExactly("oslo-batch", "oslo-batch", "oslo-batch");
        assertThat(activeOrders("oslo-batch")).as("one unit per order, however often it came").isEqualTo(3);
        assertThat(List.of("ord_batch_no_0", "ord_batch_no_1", "ord_batch_no_2")).allSatisfy(
                orderId -> assertThat(registry.reservationOf(orderId)).contains("oslo-batch"));
        assertThat(hub().request("POST", "/partners/assign-batch", ADMIN, batch).json().path("answers")
                .findValuesAsText("partner_id")).containsExactly("oslo-batch", "oslo-batch", "oslo-batch");
        assertThat(activeOrders("oslo-batch")).isEqualTo(3);
    }

    @Test
    void aBatchWithoutOrdersIsABadRequest() {
        Answer answer = hub().request("POST", "/partners/assign-batch", ADMIN, "{\"orders\":[]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).contains("application/problem+json");
    }

    private PartnerRegistry.Registered registered(String partnerId) {
        return registry.find(partnerId).orElseThrow();
    }

    private JsonNode delivery(String orderId) {
        return ShopifyOrders.delivery(hub(), orderId);
    }

    private int activeOrders(String partnerId) {
        return hub().request("GET", "/partners/" + partnerId, ADMIN, null).json().path("active_orders").asInt();
    }

    private static String partner(String id, String country, int capacity) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"active\":true,\"capacity\":" + capacity + ",\"priority\":5,"
                + "\"zones\":[{\"country_code\":\"" + country + "\",\"postal_prefixes\":[\"10\"],\"cities\":[\"Reykjavik\",\"Tallinn\"]}],"
                + "\"rules\":{\"max_order_total\":\"250.00\"}}";
    }

    private static String order(String id, String country, String postal, String city, String total) {
        return orderWithCurrency(id, country, postal, city, total, "EUR");
    }

    private static String orderWithCurrency(String id, String country, String postal, String city, String total, String currency) {
        return "{\"id\":\"" + id + "\",\"currency\":\"" + currency + "\",\"totals\":{\"total\":\"" + total + "\"},"
                + "\"shipping_address\":{\"country_code\":\"" + country + "\",\"postal_code\":\"" + postal + "\",\"city\":\""
                + city + "\",\"latitude\":null,\"longitude\":null}}";
    }
}
