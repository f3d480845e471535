package io.orderhub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static io.orderhub.mapping.MappingFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The MAPPING.md rules the shared fixtures do not reach, on fixture orders changed by hand. */
class MappingRulesTest {

    private static final OrderMapper MAPPER = new OrderMapper();
    private static final OrderSchemaValidator VALIDATOR = new OrderSchemaValidator(JSON);
    private static final String BIGCOMMERCE_FIXTURE = "bigcommerce/b01_order_created_hydrated.json";

    /** Maps and insists the result is a valid universal order, so every rule below also keeps the schema. */
    private static JsonNode map(String platform, ObjectNode envelope) {
        ObjectNode order = MAPPER.map(platform, envelope);
        ObjectNode withId = JSON.createObjectNode().put("id", "ord_placeholder");
        withId.setAll(order);
        assertThat(VALIDATOR.validate(withId)).as("schema violations").isEmpty();
        return order;
    }

    private static JsonNode json(String text) {
        return MappingFixtures.parse(text.replace('\'', '"'));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    // ---------------------------------------------------------------- Shopify

    private final ObjectNode shopifyOrder = MappingFixtures.order("shopify/s01_orders_create_paid_two_items.json");

    private JsonNode shopify() {
        return map("shopify", MappingFixtures.shopifyEnvelope(shopifyOrder));
    }

    /** Sets a Shopify amount the way Shopify sends it: {@code X} and {@code X_set.shop_money.amount}. */
    private void shopMoney(ObjectNode node, String field, String amount) {
        node.put(field, amount);
        node.withObjectProperty(field + "_set").withObjectProperty("shop_money").put("amount", amount);
    }

    private void removeSets(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).properties().removeIf(field -> field.getKey().endsWith("_set"));
        }
        node.forEach(this::removeSets);
    }

    @Test
    void shopifyJpyAmountsAreRoundedHalfUpToWholeYen() {
        shopifyOrder.put("currency", "JPY");
        shopMoney(shopifyOrder, "total_price", "1500.5");
        shopMoney(shopifyOrder, "total_line_items_price", "1400.4999");
        shopMoney((ObjectNode) shopifyOrder.get("line_items").get(0), "price", "19.5");

        JsonNode mapped = shopify();

        assertThat(mapped.at("/totals/total").asText()).isEqualTo("1501");
        assertThat(mapped.at("/totals/subtotal").asText()).isEqualTo("1400");
        assertThat(mapped.at("/totals/shipping").asText()).isEqualTo("7");
        assertThat(mapped.at("/line_items/0/unit_price").asText()).isEqualTo("20");
        assertThat(mapped.at("/line_items/0/total").asText()).isEqualTo("40");
    }

    @Test
    void shopifyKwdAmountsHaveThreeDigits() {
        shopifyOrder.put("currency", "KWD");
        shopMoney(shopifyOrder, "total_price", "1.2345");
        shopMoney(shopifyOrder, "total_tax", "0.5");

        JsonNode mapped = shopify();

        assertThat(mapped.at("/totals/total").asText()).isEqualTo("1.235");
        assertThat(mapped.at("/totals/tax").asText()).isEqualTo("0.500");
        assertThat(mapped.at("/line_items/1/unit_price").asText()).isEqualTo("12.500");
    }

    @Test
    void shopifyAmountsRoundHalfUpInDecimalNotInBinary() {
        // 2.675 is 2.67499999... as a double, so a double-based rounding would give 2.67.
        shopMoney(shopifyOrder, "total_price", "2.675");
        shopMoney(shopifyOrder, "total_tax", "0.125");

        JsonNode mapped = shopify();

        assertThat(mapped.at("/totals/total").asText()).isEqualTo("2.68");
        assertThat(mapped.at("/totals/tax").asText()).isEqualTo("0.13");
    }

    @Test
    void shopifyAmountsSentAsJsonNumbersAreReadExactly() {
        shopifyOrder.set("total_price_set", json("{'shop_money': {'amount': 59.485}}"));

        assertThat(shopify().at("/totals/total").asText()).isEqualTo("59.49");
    }

    @Test
    void shopifyTaxInclusivePricesAreFlagged() {
        shopifyOrder.put("taxes_included", true);

        assertThat(shopify().at("/totals/taxes_included").booleanValue()).isTrue();
    }

    @Test
    void shopifyCancelledOrderKeepsTimeInUtcAndReason() {
        shopifyOrder.put("cancelled_at", "2026-11-21T10:00:00+09:00");
        shopifyOrder.put("cancel_reason", "customer");
        shopifyOrder.put("financial_status", "voided");

        JsonNode mapped = shopify();

        assertThat(mapped.get("cancelled_at").asText()).isEqualTo("2026-11-21T01:00:00Z");
        assertThat(mapped.get("cancel_reason").asText()).isEqualTo("customer");
        assertThat(mapped.get("financial_status").asText()).isEqualTo("voided");
    }

    @Test
    void shopifyRefundedIsTheSumOfSuccessfulRefundTransactions() {
        shopifyOrder.set("refunds", json("""
                [{'id': 1, 'transactions': [
                    {'kind': 'refund', 'status': 'success', 'amount': '10.00', 'currency': 'USD'},
                    {'kind': 'refund', 'status': 'failure', 'amount': '99.00', 'currency': 'USD'},
                    {'kind': 'sale', 'status': 'success', 'amount': '59.48', 'currency': 'USD'},
                    {'kind': 'refund', 'status': 'failure', 'amount': '3.00', 'currency': 'EUR'}]},
                 {'id': 2, 'transactions': [
                    {'kind': 'refund', 'status': 'success', 'amount': '5.25', 'currency': 'USD'}]}]
                """));

        assertThat(shopify().at("/totals/refunded").asText()).isEqualTo("15.25");
    }

    @Test
    void shopifyRefundInAnotherCurrencyMakesRefundedUnknown() {
        shopifyOrder.set("refunds", json("""
                [{'id': 1, 'transactions': [
                    {'kind': 'refund', 'status': 'success', 'amount': '10.00', 'currency': 'USD'},
                    {'kind': 'refund', 'status': 'success', 'amount': '4.00', 'currency': 'EUR'}]}]
                """));

        assertThat(shopify().at("/totals/refunded").isNull()).isTrue();
    }

    @Test
    void shopifyWithoutSetAmountsTheFlatShopCurrencyFieldsAreUsed() {
        removeSets(shopifyOrder);
        shopifyOrder.put("total_line_items_price", "50.00");
        shopifyOrder.put("total_shipping_price", "6.00");
        ((ObjectNode) shopifyOrder.get("line_items").get(0)).set("discount_allocations", json("[{'amount': '1.50'}]"));
        ((ObjectNode) shopifyOrder.get("line_items").get(0)).set("tax_lines", json("[{'price': '2.10', 'rate': 0.13}]"));

        JsonNode mapped = shopify();

        assertThat(mapped.at("/totals/subtotal").asText()).isEqualTo("50.00");
        assertThat(mapped.at("/totals/shipping").asText()).isEqualTo("6.00");
        assertThat(mapped.at("/totals/total").asText()).isEqualTo("59.48");
        assertThat(mapped.at("/totals/discount").asText()).isEqualTo("0.00");
        assertThat(mapped.at("/line_items/0/unit_price").asText()).isEqualTo("19.99");
        assertThat(mapped.at("/line_items/0/discount").asText()).isEqualTo("1.50");
        assertThat(mapped.at("/line_items/0/tax").asText()).isEqualTo("2.10");
        assertThat(mapped.at("/line_items/0/total").asText()).isEqualTo("38.48");
        assertThat(mapped.at("/shipping_lines/0/price").asText()).isEqualTo("7.00");
    }

    @Test
    void shopifyWithoutSubtotalOrShippingFieldsTheyAreSummedFromTheLines() {
        removeSets(shopifyOrder);
        shopifyOrder.remove("total_line_items_price");
        shopifyOrder.remove("total_shipping_price");
        ((ObjectNode) shopifyOrder.get("shipping_lines").get(0)).put("price", "4.00");
        ((ArrayNode) shopifyOrder.get("shipping_lines")).add(json("{'title': 'Gift wrap', 'code': 'wrap', 'price': '2.50'}"));

        JsonNode mapped = shopify();

        assertThat(mapped.at("/totals/subtotal").asText()).isEqualTo("52.48");
        assertThat(mapped.at("/totals/shipping").asText()).isEqualTo("6.50");
        assertThat(mapped.at("/shipping_lines/1/method").asText()).isEqualTo("Gift wrap");
    }

    @ParameterizedTest(name = "financial_status {0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "pending, pending", "authorized, authorized", "partially_paid, partially_paid", "paid, paid",
            "partially_refunded, partially_refunded", "refunded, refunded", "voided, voided",
            "expired, voided", "chargeback_pending, unknown", "NULL, unknown"})
    void shopifyFinancialStatus(String shopify, String universal) {
        shopifyOrder.put("financial_status", shopify);

        JsonNode mapped = shopify();

        assertThat(mapped.get("financial_status").asText()).isEqualTo(universal);
        assertThat(mapped.at("/source/platform_status").textValue()).isEqualTo(shopify);
    }

    @ParameterizedTest(name = "fulfillment_status {0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL, unfulfilled", "unfulfilled, unfulfilled", "partial, partially_fulfilled",
            "fulfilled, fulfilled", "restocked, unfulfilled", "on_hold, unknown"})
    void shopifyFulfillmentStatus(String shopify, String universal) {
        shopifyOrder.put("fulfillment_status", shopify);

        assertThat(shopify().get("fulfillment_status").asText()).isEqualTo(universal);
    }

    @Test
    void shopifyRegionCodeDropsTheCountryPrefix() {
        ObjectNode address = (ObjectNode) shopifyOrder.get("shipping_address");
        address.put("country_code", "jp");
        address.put("province", "Tokyo");
        address.put("province_code", "JP-13");

        JsonNode mapped = shopify();

        assertThat(mapped.at("/shipping_address/region_code").asText()).isEqualTo("13");
        assertThat(mapped.at("/shipping_address/region").asText()).isEqualTo("Tokyo");
        assertThat(mapped.at("/shipping_address/country_code").asText()).isEqualTo("JP");
    }

    @Test
    void shopifyEmptyStringsBecomeNull() {
        shopifyOrder.put("note", "");
        shopifyOrder.put("tags", "");
        shopifyOrder.put("email", "");
        ((ObjectNode) shopifyOrder.get("customer")).put("phone", "");
        ObjectNode address = (ObjectNode) shopifyOrder.get("shipping_address");
        address.put("company", "");
        address.put("address2", "");
        address.put("name", "");

        JsonNode mapped = shopify();

        assertThat(mapped.get("note").isNull()).isTrue();
        assertThat(mapped.get("tags")).isEmpty();
        assertThat(mapped.at("/customer/email").asText()).as("falls back to customer.email").isEqualTo("ada@example.com");
        assertThat(mapped.at("/customer/phone").isNull()).isTrue();
        assertThat(mapped.at("/shipping_address/company").isNull()).isTrue();
        assertThat(mapped.at("/shipping_address/line2").isNull()).isTrue();
        assertThat(mapped.at("/shipping_address/name").asText()).as("first + last").isEqualTo("Ada Lovelace");
    }

    @Test
    void shopifyTagsAreTrimmedAndEmptiesDropped() {
        shopifyOrder.put("tags", " vip ,, wholesale,  ,gift ");

        assertThat(texts(shopify().get("tags"))).containsExactly("vip", "wholesale", "gift");
    }

    @Test
    void shopifyCustomerIsNullOnlyWhenAllFieldsAre() {
        shopifyOrder.remove("customer");
        shopifyOrder.put("email", "guest@example.com");
        JsonNode guest = shopify();
        assertThat(guest.at("/customer/email").asText()).isEqualTo("guest@example.com");
        assertThat(guest.at("/customer/platform_customer_id").isNull()).isTrue();

        shopifyOrder.putNull("email");
        assertThat(shopify().get("customer").isNull()).isTrue();
    }

    @Test
    void shopifyOrderWithoutShippingAddressHasNone() {
        shopifyOrder.putNull("shipping_address");

        assertThat(shopify().get("shipping_address").isNull()).isTrue();
    }

    @Test
    void shopifyTimesKeepAFractionOnlyWhenTheSourceHasOne() {
        shopifyOrder.put("created_at", "2026-11-20T10:15:30.250-05:00");

        JsonNode mapped = shopify();

        assertThat(mapped.get("created_at").asText()).isEqualTo("2026-11-20T15:15:30.250Z");
        assertThat(mapped.get("updated_at").asText()).isEqualTo("2026-11-20T15:15:32Z");
    }

    @Test
    void shopifyWebhookIdStandsInForAMissingEventId() {
        ObjectNode envelope = MappingFixtures.shopifyEnvelope(shopifyOrder);
        ((ObjectNode) envelope.at("/meta/headers")).remove("x-shopify-event-id");

        assertThat(map("shopify", envelope).at("/source/event_id").asText()).isEqualTo("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
    }

    @Test
    void shopifyMissingOrderIdLeavesNoPlatformOrderIdAndFailsTheSchema() {
        shopifyOrder.remove("id");
        ObjectNode mapped = MAPPER.map("shopify", MappingFixtures.shopifyEnvelope(shopifyOrder));

        assertThat(mapped.get("platform_order_id").isNull()).isTrue();
        assertThat(mapped.get("idempotency_key").isNull()).isTrue();
        ObjectNode withId = JSON.createObjectNode().put("id", "ord_placeholder");
        withId.setAll(mapped);
        assertThat(VALIDATOR.validate(withId)).anyMatch(message -> message.contains("platform_order_id"));
    }

    // ---------------------------------------------------------------- WooCommerce

    private final ObjectNode wooOrder = MappingFixtures.order("woocommerce/w01_order_created_processing.json");

    private JsonNode woo() {
        return map("woocommerce", MappingFixtures.wooEnvelope(wooOrder));
    }

    @Test
    void wooCancelledOrderIsCancelledWhenLastModified() {
        wooOrder.put("status", "cancelled");
        wooOrder.put("date_modified_gmt", "2026-11-21T09:00:00");

        JsonNode mapped = woo();

        assertThat(mapped.get("cancelled_at").asText()).isEqualTo("2026-11-21T09:00:00Z");
        assertThat(mapped.get("financial_status").asText()).isEqualTo("voided");
        assertThat(mapped.get("fulfillment_status").asText()).isEqualTo("unfulfilled");
    }

    @ParameterizedTest(name = "status {0} -> {1}, {2}")
    @CsvSource({
            "pending, pending, unfulfilled", "checkout-draft, pending, unfulfilled", "on-hold, pending, unfulfilled",
            "processing, paid, unfulfilled", "completed, paid, fulfilled", "cancelled, voided, unfulfilled",
            "refunded, refunded, unknown", "failed, voided, unfulfilled", "trash, unknown, unknown",
            "wc-awaiting-shipment, unknown, unknown"})
    void wooStatusTable(String status, String financial, String fulfillment) {
        wooOrder.put("status", status);

        JsonNode mapped = woo();

        assertThat(mapped.get("financial_status").asText()).isEqualTo(financial);
        assertThat(mapped.get("fulfillment_status").asText()).isEqualTo(fulfillment);
        assertThat(mapped.get("cancelled_at").isNull()).isEqualTo(!status.equals("cancelled"));
    }

    @Test
    void wooRefundedOrderSumsItsRefunds() {
        wooOrder.put("status", "refunded");
        wooOrder.set("refunds", json("[{'id': 9, 'reason': '', 'total': '-109.00'}]"));

        JsonNode mapped = woo();

        assertThat(mapped.get("financial_status").asText()).isEqualTo("refunded");
        assertThat(mapped.at("/totals/refunded").asText()).isEqualTo("109.00");
    }

    @Test
    void wooPaidOrderWithAPartialRefundIsPartiallyRefunded() {
        wooOrder.set("refunds", json("[{'id': 9, 'total': '-10.00'}, {'id': 10, 'total': '-5.50'}]"));

        JsonNode mapped = woo();

        assertThat(mapped.get("financial_status").asText()).isEqualTo("partially_refunded");
        assertThat(mapped.at("/totals/refunded").asText()).isEqualTo("15.50");
    }

    @Test
    void wooPaidOrderRefundedInFullStaysPaidUnlessWooSaysRefunded() {
        wooOrder.put("status", "completed");
        wooOrder.set("refunds", json("[{'id': 9, 'total': '-109.00'}]"));

        assertThat(woo().get("financial_status").asText()).isEqualTo("paid");
    }

    @Test
    void wooAllEmptyShippingObjectIsNoAddress() {
        wooOrder.set("shipping", json("""
                {'first_name': '', 'last_name': '', 'company': '', 'address_1': '', 'address_2': '',
                 'city': '', 'state': '', 'postcode': '', 'country': '', 'phone': ''}
                """));

        JsonNode mapped = woo();

        assertThat(mapped.get("shipping_address").isNull()).isTrue();
        assertThat(mapped.at("/billing_address/line1").asText()).isEqualTo("350 5th Ave");
    }

    @Test
    void wooGuestCustomerHasNoCustomerId() {
        wooOrder.put("customer_id", 0);

        JsonNode mapped = woo();

        assertThat(mapped.at("/customer/platform_customer_id").isNull()).isTrue();
        assertThat(mapped.at("/customer/email").asText()).isEqualTo("grace@example.com");
    }

    @Test
    void wooCustomerWithNothingKnownIsNull() {
        wooOrder.put("customer_id", 0);
        ObjectNode billing = (ObjectNode) wooOrder.get("billing");
        for (String field : List.of("first_name", "last_name", "email", "phone")) {
            billing.put(field, "");
        }

        assertThat(woo().get("customer").isNull()).isTrue();
    }

    @ParameterizedTest(name = "state {0} -> region_code {1}")
    @CsvSource(nullValues = "NULL", value = {"NY, NY", "13, 13", "QLD, QLD", "Tokyo, NULL", "ny, NULL", "ABCD, NULL", "'', NULL"})
    void wooRegionCodeOnlyForCodeLikeStates(String state, String regionCode) {
        ((ObjectNode) wooOrder.get("shipping")).put("state", state);

        JsonNode mapped = woo();

        assertThat(mapped.at("/shipping_address/region_code").textValue()).isEqualTo(regionCode);
        assertThat(mapped.at("/shipping_address/region").textValue()).isEqualTo(state.isEmpty() ? null : state);
    }

    @Test
    void wooUnitPriceIsSubtotalDividedByQuantityRoundedHalfUp() {
        ObjectNode line = (ObjectNode) wooOrder.get("line_items").get(1);
        line.put("subtotal", "10.00");
        line.put("total", "9.00");
        line.put("quantity", 3);

        JsonNode mapped = woo();

        assertThat(mapped.at("/line_items/1/unit_price").asText()).isEqualTo("3.33");
        assertThat(mapped.at("/line_items/1/discount").asText()).isEqualTo("1.00");
        assertThat(mapped.at("/line_items/1/total").asText()).as("unit_price x quantity - discount").isEqualTo("8.99");
        assertThat(mapped.at("/totals/subtotal").asText()).isEqualTo("55.00");
    }

    @Test
    void wooJpyLinesHaveWholeYen() {
        wooOrder.put("currency", "JPY");
        ObjectNode line = (ObjectNode) wooOrder.get("line_items").get(1);
        line.put("subtotal", "1000");
        line.put("total", "1000");
        line.put("quantity", 3);

        JsonNode mapped = woo();

        assertThat(mapped.at("/line_items/1/unit_price").asText()).isEqualTo("333");
        assertThat(mapped.at("/totals/total").asText()).isEqualTo("109");
    }

    @Test
    void wooZeroIdsAndEmptyStringsBecomeNull() {
        wooOrder.put("customer_note", "");
        ((ObjectNode) wooOrder.get("line_items").get(0)).put("product_id", 0);
        ((ObjectNode) wooOrder.get("line_items").get(0)).put("sku", "");

        JsonNode mapped = woo();

        assertThat(mapped.get("note").isNull()).isTrue();
        assertThat(mapped.at("/line_items/0/platform_product_id").isNull()).isTrue();
        assertThat(mapped.at("/line_items/0/platform_variant_id").asText()).isEqualTo("91");
        assertThat(mapped.at("/line_items/0/sku").isNull()).isTrue();
        assertThat(mapped.at("/shipping_address/company").isNull()).isTrue();
    }

    // ---------------------------------------------------------------- BigCommerce

    private final ObjectNode bigCommerceOrder = MappingFixtures.order(BIGCOMMERCE_FIXTURE);
    private final ArrayNode bigCommerceProducts = (ArrayNode) MappingFixtures.hydration(BIGCOMMERCE_FIXTURE, "/products");
    private ArrayNode bigCommerceShippingAddresses = (ArrayNode) MappingFixtures.hydration(BIGCOMMERCE_FIXTURE, "/shipping_addresses");

    private JsonNode bigCommerce() {
        return map("bigcommerce", MappingFixtures.bigCommerceEnvelope(bigCommerceOrder, bigCommerceProducts, bigCommerceShippingAddresses));
    }

    @ParameterizedTest(name = "status_id {0} -> {1}, {2}")
    @CsvSource({
            "0, pending, unfulfilled", "1, pending, unfulfilled", "7, pending, unfulfilled", "12, pending, unfulfilled",
            "8, paid, unfulfilled", "9, paid, unfulfilled", "11, paid, unfulfilled",
            "2, paid, fulfilled", "10, paid, fulfilled", "3, paid, partially_fulfilled",
            "4, refunded, unfulfilled", "5, voided, unfulfilled", "6, voided, unfulfilled",
            "13, unknown, unfulfilled", "14, partially_refunded, unfulfilled", "99, unknown, unknown"})
    void bigCommerceStatusTable(int statusId, String financial, String fulfillment) {
        bigCommerceOrder.put("status_id", statusId);

        JsonNode mapped = bigCommerce();

        assertThat(mapped.get("financial_status").asText()).isEqualTo(financial);
        assertThat(mapped.get("fulfillment_status").asText()).isEqualTo(fulfillment);
    }

    @Test
    void bigCommerceCancelledOrderIsCancelledWhenLastModified() {
        bigCommerceOrder.put("status_id", 5);
        bigCommerceOrder.put("status", "Cancelled");

        JsonNode mapped = bigCommerce();

        assertThat(mapped.get("cancelled_at").asText()).isEqualTo("2026-11-20T16:20:09Z");
        assertThat(mapped.get("financial_status").asText()).isEqualTo("voided");
        assertThat(mapped.at("/source/platform_status").asText()).isEqualTo("Cancelled");
    }

    @Test
    void bigCommerceDeclinedOrderIsNotCancelled() {
        bigCommerceOrder.put("status_id", 6);

        assertThat(bigCommerce().get("cancelled_at").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0} of {1} items shipped -> {2}")
    @CsvSource({"0, 3, unfulfilled", "1, 3, partially_fulfilled", "3, 3, fulfilled", "4, 3, fulfilled", "0, 0, unfulfilled", "1, 0, unknown"})
    void bigCommerceFulfillmentByItems(int shipped, int total, String fulfillment) {
        bigCommerceOrder.put("status_id", 11);
        bigCommerceOrder.put("items_shipped", shipped);
        bigCommerceOrder.put("items_total", total);

        assertThat(bigCommerce().get("fulfillment_status").asText()).isEqualTo(fulfillment);
    }

    @Test
    void bigCommerceAuthorizedPaymentOfAPaidStatusIsAuthorized() {
        bigCommerceOrder.put("payment_status", "authorized");

        assertThat(bigCommerce().get("financial_status").asText()).isEqualTo("authorized");
    }

    @Test
    void bigCommerceAuthorizedPaymentDoesNotChangeOtherStatuses() {
        bigCommerceOrder.put("payment_status", "authorized");
        bigCommerceOrder.put("status_id", 7);

        assertThat(bigCommerce().get("financial_status").asText()).isEqualTo("pending");
    }

    @Test
    void bigCommerceOrderWithoutShippingAddressesHasNoAddressAndNoShippingLines() {
        bigCommerceShippingAddresses = JSON.createArrayNode();

        JsonNode mapped = bigCommerce();

        assertThat(mapped.get("shipping_address").isNull()).isTrue();
        assertThat(mapped.get("shipping_lines")).isEmpty();
    }

    @Test
    void bigCommerceDiscountCodesAreDistinctInFirstSeenOrder() {
        ((ObjectNode) bigCommerceProducts.get(0)).set("applied_discounts", json("""
                [{'id': 'coupon', 'amount': '1.0000', 'code': 'SPRING'}, {'id': 'rule', 'amount': '0.5000', 'code': null},
                 {'id': 'coupon', 'amount': '2.0000', 'code': 'VIP'}]"""));
        ((ObjectNode) bigCommerceProducts.get(1)).set("applied_discounts", json("""
                [{'id': 'coupon', 'amount': '1.0000', 'code': 'VIP'}, {'id': 'coupon', 'amount': '1.0000', 'code': 'LAST'}]"""));

        JsonNode mapped = bigCommerce();

        assertThat(texts(mapped.get("discount_codes"))).containsExactly("SPRING", "VIP", "LAST");
        assertThat(mapped.at("/line_items/0/discount").asText()).isEqualTo("3.50");
        assertThat(mapped.at("/line_items/0/total").asText()).isEqualTo("45.50");
    }

    @Test
    void bigCommerceDiscountIsDiscountAmountPlusCouponDiscount() {
        bigCommerceOrder.put("discount_amount", "5.0000");
        bigCommerceOrder.put("coupon_discount", "2.5000");

        assertThat(bigCommerce().at("/totals/discount").asText()).isEqualTo("7.50");
    }

    @Test
    void bigCommerceJpyAndKwdAmountsHaveTheirCurrencyDigits() {
        bigCommerceOrder.put("currency_code", "JPY");
        bigCommerceOrder.put("subtotal_ex_tax", "1200.0000");
        bigCommerceOrder.put("total_inc_tax", "1200.5000");
        JsonNode yen = bigCommerce();
        assertThat(yen.at("/totals/subtotal").asText()).isEqualTo("1200");
        assertThat(yen.at("/totals/total").asText()).isEqualTo("1201");
        assertThat(yen.at("/line_items/0/unit_price").asText()).isEqualTo("49");

        bigCommerceOrder.put("currency_code", "KWD");
        bigCommerceOrder.put("subtotal_ex_tax", "24.7500");
        bigCommerceOrder.put("total_inc_tax", "24.7505");
        JsonNode dinar = bigCommerce();
        assertThat(dinar.at("/totals/subtotal").asText()).isEqualTo("24.750");
        assertThat(dinar.at("/totals/total").asText()).isEqualTo("24.751");
    }

    @Test
    void bigCommerceRfc2822TimesWithAnOffsetAreConvertedToUtc() {
        bigCommerceOrder.put("date_created", "Fri, 20 Nov 2026 10:15:30 -0500");

        assertThat(bigCommerce().get("created_at").asText()).isEqualTo("2026-11-20T15:15:30Z");
    }

    @Test
    void bigCommerceEmptyStringsAndZeroIdsBecomeNull() {
        bigCommerceOrder.put("customer_id", 0);
        bigCommerceOrder.put("customer_message", "");
        ((ObjectNode) bigCommerceProducts.get(0)).put("variant_id", 0);
        ((ObjectNode) bigCommerceProducts.get(0)).put("sku", "");

        JsonNode mapped = bigCommerce();

        assertThat(mapped.at("/customer/platform_customer_id").isNull()).isTrue();
        assertThat(mapped.at("/customer/email").asText()).isEqualTo("katherine@example.com");
        assertThat(mapped.get("note").isNull()).isTrue();
        assertThat(mapped.at("/line_items/0/platform_variant_id").isNull()).isTrue();
        assertThat(mapped.at("/line_items/0/sku").isNull()).isTrue();
        assertThat(mapped.at("/billing_address/company").isNull()).isTrue();
    }

    @Test
    void bigCommerceDigitalProductsDoNotRequireShipping() {
        ((ObjectNode) bigCommerceProducts.get(0)).put("type", "digital");

        assertThat(bigCommerce().at("/line_items/0/requires_shipping").booleanValue()).isFalse();
    }

    @Test
    void bigCommercePlatformOrderIdComesFromTheEvent() {
        JsonNode mapped = bigCommerce();

        assertThat(mapped.get("platform_order_id").asText()).isEqualTo("101");
        assertThat(mapped.get("idempotency_key").asText()).isEqualTo("bigcommerce_abc123def_101");
        assertThat(mapped.at("/source/topic").asText()).isEqualTo("store/order/statusUpdated");
        assertThat(mapped.at("/source/api_version").asText()).isEqualTo("v2");
    }
}
