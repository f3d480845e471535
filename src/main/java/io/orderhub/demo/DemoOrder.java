package io.orderhub.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One order the demo made up, in a version: the values its platform's templates are filled with. A newer version
 * keeps the order's id and creation time and is modified a second or more after the last.
 */
record DemoOrder(DemoPlatform platform, long id, Instant created, Instant updated, String customer, BigDecimal price,
        long quantity, BigDecimal shipping) {

    DemoOrder newer(Instant now, String anotherCustomer, long anotherQuantity) {
        Instant later = now.isAfter(updated) ? now : updated.plusSeconds(1);
        return new DemoOrder(platform, id, created, later, anotherCustomer, price, anotherQuantity, shipping);
    }

    /** The values of one delivery of this version: {@code version} is {@code new} or {@code newer}. */
    Map<String, Object> values(String version, Instant sent) {
        Map<String, Object> values = new HashMap<>(platform.versions().get(version));
        String first = customer.substring(0, customer.indexOf(' '));
        String last = customer.substring(customer.indexOf(' ') + 1);
        BigDecimal subtotal = price.multiply(BigDecimal.valueOf(quantity));
        values.put("store", platform.store());
        values.put("id", id);
        values.put("number", id % 100000);
        values.put("uuid", UUID.nameUUIDFromBytes((platform.platform() + ":" + id).getBytes(StandardCharsets.UTF_8)).toString());
        values.put("event", UUID.randomUUID().toString());
        values.put("created", created);
        values.put("updated", updated);
        values.put("sent", sent);
        values.put("first_name", first);
        values.put("last_name", last);
        values.put("email", (first + "." + last).toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com");
        values.put("price", price);
        values.put("quantity", quantity);
        values.put("subtotal", subtotal);
        values.put("shipping", shipping);
        values.put("total", subtotal.add(shipping));
        return values;
    }
}
