package io.orderhub.partner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which partners may deliver an order, best first: inside a zone (by distance when the address has
 * coordinates and the zone a centre, else by postal-code prefix or city), rules satisfied, then ranked by
 * priority, cost and distance. Capacity is the registry's to enforce atomically; this only skips partners
 * already known to be full.
 */
public final class PartnerMatcher {

    private static final Pattern POSTAL_SEPARATORS = Pattern.compile("[\\s-]");

    private static final double EARTH_RADIUS_KM = 6371.0088;

    private PartnerMatcher() {
    }

    /** A partner that fits, with the distance that placed it (null when matched by postal code or city). */
    public record Candidate(PartnerRegistry.Registered registered, Double distanceKm, String reason) {
    }

    /** The ranked candidates, or why there are none. */
    public record Match(List<Candidate> candidates, String noneReason) {
    }

    public static Match match(JsonNode order, List<PartnerRegistry.Registered> partners) {
        Address address = Address.of(order);
        List<Candidate> inZone = new ArrayList<>();
        for (PartnerRegistry.Registered registered : partners) {
            Partner partner = registered.partner();
            if (!partner.active()) {
                continue;
            }
            Double distance = zoneDistance(partner, address);
            if (distance == null) {
                continue;
            }
            inZone.add(new Candidate(registered, distance.isNaN() ? null : distance, describe(partner, distance)));
        }
        if (inZone.isEmpty()) {
            return new Match(List.of(), "No active partner serves " + address + ".");
        }
        List<Candidate> allowed = inZone.stream().filter(c -> rulesAllow(c.registered().partner().rules(), order, address)).toList();
        if (allowed.isEmpty()) {
            return new Match(List.of(), "The partners serving " + address + " do not take this order (value, currency or country rules).");
        }
        List<Candidate> withRoom = allowed.stream().filter(c -> c.registered().hasRoom())
                .sorted(Comparator.comparing((Candidate c) -> c.registered().partner().priority())
                        .thenComparing(c -> cost(c.registered().partner()), Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Candidate::distanceKm, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        if (withRoom.isEmpty()) {
            return new Match(List.of(), "Every partner serving " + address + " is at capacity.");
        }
        return new Match(withRoom, null);
    }

    /** The distance to the closest zone that contains the address, NaN when matched without one, null when outside. */
    static Double zoneDistance(Partner partner, Address address) {
        Double best = null;
        for (Partner.Zone zone : partner.zones()) {
            if (zone.countryCode() != null && !zone.countryCode().equalsIgnoreCase(address.country())) {
                continue;
            }
            if (zone.center() != null && zone.radiusKm() != null && address.hasCoordinates()) {
                double km = distanceKm(zone.center().latitude(), zone.center().longitude(), address.latitude(), address.longitude());
                if (km <= zone.radiusKm() && (best == null || best.isNaN() || km < best)) {
                    best = km;
                }
            } else if (byPostalCodeOrCity(zone, address) && best == null) {
                best = Double.NaN;
            }
        }
        return best;
    }

    private static boolean byPostalCodeOrCity(Partner.Zone zone, Address address) {
        String postal = normalise(address.postalCode());
        boolean postalMatch = postal != null && zone.postalPrefixes().stream().anyMatch(p -> postal.startsWith(normalise(p)));
        boolean cityMatch = address.city() != null && zone.cities().stream().anyMatch(c -> c.equalsIgnoreCase(address.city().trim()));
        return postalMatch || cityMatch;
    }

    static boolean rulesAllow(Partner.Rules rules, JsonNode order, Address address) {
        if (rules.excludedCountries().stream().anyMatch(c -> c.equalsIgnoreCase(address.country()))) {
            return false;
        }
        String currency = order.path("currency").asText(null);
        if (!rules.currencies().isEmpty() && (currency == null || rules.currencies().stream().noneMatch(currency::equalsIgnoreCase))) {
            return false;
        }
        if (rules.maxOrderTotal() != null) {
            String total = order.path("totals").path("total").asText(null);
            return total != null && new BigDecimal(total).compareTo(new BigDecimal(rules.maxOrderTotal())) <= 0;
        }
        return true;
    }

    /** Great-circle distance (haversine). */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }

    private static BigDecimal cost(Partner partner) {
        return partner.cost() == null ? null : new BigDecimal(partner.cost());
    }

    private static String describe(Partner partner, double distance) {
        String where = Double.isNaN(distance) ? "postal code or city in zone" : String.format(Locale.ROOT, "%.1f km inside zone", distance);
        return where + ", priority " + partner.priority() + (partner.cost() == null ? "" : ", cost " + partner.cost());
    }

    private static String normalise(String postal) {
        return postal == null ? null : POSTAL_SEPARATORS.matcher(postal).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** The order's shipping address, as far as matching needs it. */
    record Address(String country, String postalCode, String city, Double latitude, Double longitude) {

        static Address of(JsonNode order) {
            JsonNode a = order.path("shipping_address");
            return new Address(a.path("country_code").asText(null), a.path("postal_code").asText(null),
                    a.path("city").asText(null), a.path("latitude").isNumber() ? a.get("latitude").asDouble() : null,
                    a.path("longitude").isNumber() ? a.get("longitude").asDouble() : null);
        }

        boolean hasCoordinates() {
            return latitude != null && longitude != null;
        }

        @Override
        public String toString() {
            return String.join(" ", java.util.stream.Stream.of(postalCode, city, country).filter(java.util.Objects::nonNull).toList())
                    .transform(s -> s.isBlank() ? "this address" : s);
        }
    }
}
