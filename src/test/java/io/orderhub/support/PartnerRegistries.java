package io.orderhub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** Partner registries (seed files, {@code orderhub.partner.seed-file}) for hubs that run as real processes. */
public final class PartnerRegistries {

    private PartnerRegistries() {
    }

    /**
     * The hub's own registry with every partner's capacity set to {@code capacity}, and one more partner for
     * the BigCommerce fixture's city (Austin), which the shipped registry does not serve. With the shipped
     * registry a third of the fixtures' orders fits no partner, and its capacities (20 to 200 active orders,
     * never finished in a test run) fill after a few hundred orders: from then on every order waits for room,
     * and a run would measure a hub working off a backlog no partner can take.
     *
     * @return the written file, absolute
     */
    @SuppressWarnings("unchecked")
    public static Path withRoom(Path dir, int capacity) {
        try (InputStream in = PartnerRegistries.class.getResourceAsStream("/partners.yml")) {
            Map<String, Object> registry = new Yaml().load(in);
            List<Map<String, Object>> partners = (List<Map<String, Object>>) registry.get("partners");
            partners.add(new LinkedHashMap<>(Map.of("id", "bench-austin-couriers", "priority", 1, "zones",
                    List.of(Map.of("country_code", "US", "center", Map.of("latitude", 30.2672, "longitude", -97.7431),
                            "radius_km", 40, "cities", List.of("Austin"))))));
            partners.forEach(partner -> partner.put("capacity", capacity));
            Files.createDirectories(dir);
            Path file = dir.resolve("partners.yml").toAbsolutePath();
            Files.writeString(file, new Yaml().dump(registry));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
