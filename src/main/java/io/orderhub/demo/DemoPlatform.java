package io.orderhub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One platform the demo plays, read from {@code demo/<platform>.json}: the store it sends for, how it signs, and the
 * templates of its headers, body and (for thin platforms) the API answers the event is hydrated from. Adding a
 * platform to the demo is adding such a file (and its store to application-demo.yml); see docs/operations.md.
 *
 * @param platform  the platform's name, as in {@code X-OrderHub-Platform}
 * @param store     the demo store's uid (its secrets are in application-demo.yml)
 * @param versions  per version ({@code new}, {@code newer}) the values only that version has, such as its {@code topic}
 * @param signature how the delivery is signed
 * @param headers   the delivery's headers, templates
 * @param body      the delivery's body, a template (the claims, for a JWT scheme)
 * @param api       for a thin platform, path template to answer template of what its API stand-in serves
 */
record DemoPlatform(String platform, String store, Map<String, Map<String, String>> versions, SignatureSpec signature,
        Map<String, String> headers, JsonNode body, Map<String, JsonNode> api) {

    static final String RESOURCES = "classpath*:demo/*.json";

    /**
     * @param scheme the {@link SigningScheme}, spelled {@code hmac-sha256-base64}
     * @param header the header the signature is sent in
     * @param over   what is signed, a template; the body ({@code {{body}}}) when absent
     */
    record SignatureSpec(String scheme, String header, String over) {
    }

    DemoPlatform {
        api = api == null ? Map.of() : api;
        if (versions == null || !versions.containsKey("new") || !versions.containsKey("newer")) {
            throw new IllegalArgumentException("Demo platform " + platform + " needs versions 'new' and 'newer'");
        }
    }

    SigningScheme scheme() {
        return SigningScheme.named(signature.scheme());
    }

    String signedTemplate() {
        return signature.over() == null ? "{{body}}" : signature.over();
    }

    /** Every {@code demo/*.json} on the class path, by file name. */
    static List<DemoPlatform> load(ObjectMapper json) {
        List<DemoPlatform> platforms = new ArrayList<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(RESOURCES);
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    platforms.add(json.readValue(in, DemoPlatform.class));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalStateException("Demo resource " + resource.getFilename() + " is not a demo platform: "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Demo resources " + RESOURCES, e);
        }
        platforms.sort((a, b) -> a.platform().compareTo(b.platform()));
        return List.copyOf(platforms);
    }
}
