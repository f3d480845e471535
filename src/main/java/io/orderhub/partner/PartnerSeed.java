package io.orderhub.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.config.ConditionalOnRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * Seeds the registry from {@code orderhub.partner.seed-file} ({@code partners: [...]} in the JSON shape of
 * {@code /partners}). A partner already registered is left alone, so operators' edits survive restarts.
 */
@Component
@ConditionalOnRole("partner")
public class PartnerSeed {

    private static final Logger log = LoggerFactory.getLogger(PartnerSeed.class);

    private final PartnerRegistry registry;
    /** Blank: no seed. */
    private final String file;
    private final ResourceLoader resources;
    private final ObjectMapper json;

    public PartnerSeed(PartnerRegistry registry, PartnerProperties properties, ResourceLoader resources, ObjectMapper json) {
        this.registry = registry;
        this.file = properties.seedFile();
        this.resources = resources;
        this.json = json;
    }

    @EventListener(ContextRefreshedEvent.class)
    public void seed() {
        if (file == null || file.isBlank()) {
            return;
        }
        try (InputStream in = resources.getResource(file).getInputStream()) {
            Map<String, Object> yaml = new Yaml().load(in);
            List<?> partners = yaml == null ? List.of() : (List<?>) yaml.getOrDefault("partners", List.of());
            for (Object entry : partners) {
                registry.insertIfAbsent(json.convertValue(entry, Partner.class).validated());
            }
            log.info("Partner registry seeded from {} ({} partners)", file, partners.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the partner seed file " + file, e);
        }
    }
}
