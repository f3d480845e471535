package io.orderhub.partner;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.orderhub.problem.Problems;

/**
 * A delivery partner as the registry keeps it and {@code /partners} speaks it (CONTRACT.md, "Partners and
 * delivery"). Money ({@code max_order_total}, {@code cost}) stays a decimal string, never a double. A lower
 * {@code priority} wins; {@code cost} (per delivery, optional) breaks ties.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Partner(String id, String name, Boolean active, Integer capacity, Integer priority, String cost,
        List<Zone> zones, Rules rules) {

    public Partner {
        active = active == null || active;
        priority = priority == null ? 100 : priority;
        zones = zones == null ? List.of() : List.copyOf(zones);
        rules = rules == null ? new Rules(null, null, null) : rules;
    }

    /** Refuses a partner the registry cannot work with, naming the field. */
    public Partner validated() {
        if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new Problems.BadRequest("'id' must be 1 to 64 lower-case letters, digits, '-' or '_'.");
        }
        if (capacity == null || capacity < 0) {
            throw new Problems.BadRequest("'capacity' must be a whole number of active orders, 0 or more.");
        }
        decimalOrNull(cost, "cost");
        decimalOrNull(rules.maxOrderTotal(), "rules.max_order_total");
        for (Zone zone : zones) {
            boolean radius = zone.center() != null && zone.radiusKm() != null && zone.radiusKm() > 0;
            if (!radius && zone.postalPrefixes().isEmpty() && zone.cities().isEmpty()) {
                throw new Problems.BadRequest("Every zone needs a center and radius_km, postal_prefixes or cities.");
            }
        }
        return this;
    }

    public Partner withId(String newId) {
        return new Partner(newId, name, active, capacity, priority, cost, zones, rules);
    }

    private static void decimalOrNull(String value, String field) {
        if (value != null) {
            try {
                new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw new Problems.BadRequest("'" + field + "' must be a decimal string such as \"500.00\".");
            }
        }
    }

    /** Where a partner delivers: a circle around a centre, and/or postal-code prefixes and cities, in one country. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Zone(String countryCode, Coordinates center, Double radiusKm, List<String> postalPrefixes,
            List<String> cities) {

        public Zone {
            postalPrefixes = postalPrefixes == null ? List.of() : List.copyOf(postalPrefixes);
            cities = cities == null ? List.of() : List.copyOf(cities);
        }
    }

    public record Coordinates(double latitude, double longitude) {
    }

    /** Declarative business rules; an absent rule allows everything. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rules(String maxOrderTotal, List<String> currencies, List<String> excludedCountries) {

        public Rules {
            currencies = currencies == null ? List.of() : List.copyOf(currencies);
            excludedCountries = excludedCountries == null ? List.of() : List.copyOf(excludedCountries);
        }
    }
}
