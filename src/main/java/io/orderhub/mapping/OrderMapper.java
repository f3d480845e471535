package io.orderhub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import com.schibsted.spt.data.jslt.filters.TrueJsonFilter;
import io.orderhub.config.OrderHubProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a platform envelope into a universal order with that platform's JSLT mapping file.
 *
 * <p>Every {@code mappings/*.jslt} on the class path is one platform (file base name = platform
 * name), so adding a platform is adding a file. The files are compiled once, at start-up and on
 * {@link #reload()}; {@link #map} only evaluates (compiled JSLT expressions are thread-safe).
 */
@Component
public class OrderMapper {

    public static final String DEFAULT_LOCATIONS = "classpath*:mappings/*.jslt";
    public static final String DEFAULT_CUSTOM_LOCATIONS = "classpath*:mappings/custom/*.jslt";
    /** Mapping names of stores on the generic platform: {@code custom/<store_uid>}. */
    public static final String CUSTOM_PREFIX = "custom/";

    private static final String EXTENSION = ".jslt";

    /** How JSLT's generated parser states where a syntax error is ("... at line 5, column 3."). */
    private static final Pattern PARSER_POSITION = Pattern.compile("at line (\\d+), column (\\d+)");

    private final String locationPattern;
    private final String customLocationPattern;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    /** Replaced as a whole, so a map() never sees half of a reload. */
    private volatile Map<String, Mapping> mappings;

    public OrderMapper() {
        this(DEFAULT_LOCATIONS, DEFAULT_CUSTOM_LOCATIONS);
    }

    /**
     * Mapping files from {@code orderhub.mappings.location} and, for stores on the generic {@code custom}
     * platform, {@code orderhub.mappings.custom-location}: e.g. directories operators edit and reload.
     */
    @Autowired
    public OrderMapper(OrderHubProperties properties) {
        this(properties.mappings().location(), properties.mappings().customLocation());
    }

    /** @param locationPattern a Spring resource pattern, e.g. {@code file:/etc/orderhub/mappings/*.jslt} */
    public OrderMapper(String locationPattern) {
        this(locationPattern, null);
    }

    /**
     * @param customLocationPattern where the {@code custom} stores' files are, one per store named
     *                              {@code <store_uid>.jslt}; null for none
     */
    public OrderMapper(String locationPattern, String customLocationPattern) {
        this.locationPattern = locationPattern;
        this.customLocationPattern = customLocationPattern;
        this.mappings = compileAll();
    }

    /**
     * Maps a delivery envelope ({@code meta}, {@code order}, and for BigCommerce {@code event},
     * {@code products}, {@code shipping_addresses}) to the universal order without its hub
     * {@code id}.
     *
     * @throws UnmappableOrderException when there is no mapping for the platform or the mapping
     *                                  fails on this payload
     */
    public ObjectNode map(String platform, JsonNode envelope) {
        Mapping mapping = platform == null ? null : mappings.get(platform);
        if (mapping == null) {
            throw new UnmappableOrderException("no mapping for platform '" + platform + "' (known: " + platforms() + ")");
        }
        JsonNode order;
        try {
            order = mapping.expression().apply(envelope);
        } catch (JsltException e) {
            throw new UnmappableOrderException(mapping.file() + (e.getLine() > 0 ? " line " + e.getLine() : "")
                    + " failed: " + e.getMessageWithoutLocation(), e);
        } catch (RuntimeException e) {
            // Extension functions reject what they cannot read (an unparseable time, a non-numeric amount).
            throw new UnmappableOrderException(mapping.file() + " failed: " + e.getMessage(), e);
        }
        if (order == null || !order.isObject()) {
            throw new UnmappableOrderException(mapping.file() + " produced " + (order == null ? "nothing" : order.getNodeType()) + ", not an order object");
        }
        return (ObjectNode) order;
    }

    /** The platforms there is a mapping for. */
    public Set<String> platforms() {
        return new TreeSet<>(mappings.keySet());
    }

    /**
     * Recompiles every mapping file. All or nothing: if one file is broken, the mappings in use
     * stay as they were and the exception names the file and line.
     *
     * @throws InvalidMappingException when a file cannot be read or compiled
     */
    public synchronized void reload() {
        mappings = compileAll();
    }

    private Map<String, Mapping> compileAll() {
        Map<String, Mapping> compiled = new HashMap<>();
        compileInto(compiled, locationPattern, "");
        if (customLocationPattern != null && !customLocationPattern.isBlank()) {
            compileInto(compiled, customLocationPattern, CUSTOM_PREFIX);
        }
        return Map.copyOf(compiled);
    }

    private void compileInto(Map<String, Mapping> compiled, String pattern, String namePrefix) {
        Resource[] resources;
        try {
            resources = resolver.getResources(pattern);
        } catch (IOException e) {
            throw new InvalidMappingException(pattern, -1, "cannot list mapping files " + pattern + ": " + e.getMessage(), e);
        }
        for (Resource resource : resources) {
            String file = resource.getFilename();
            if (file == null || !file.endsWith(EXTENSION)) {
                continue;
            }
            String platform = namePrefix + file.substring(0, file.length() - EXTENSION.length());
            Mapping previous = compiled.put(platform, compile(namePrefix + file, resource));
            if (previous != null) {
                throw new InvalidMappingException(resource.getDescription(), -1,
                        "two mapping files for platform '" + platform + "': " + previous.location() + " and " + resource.getDescription(), null);
            }
        }
    }

    private static Mapping compile(String file, Resource resource) {
        String location = resource.getDescription();
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            Expression expression = new Parser(reader)
                    .withSource(file)
                    .withFunctions(MappingFunctions.all())
                    // JSLT drops null-valued keys by default; the universal order needs them (required, nullable).
                    .withObjectFilter(new TrueJsonFilter())
                    .compile();
            return new Mapping(file, location, expression);
        } catch (JsltException e) {
            int[] position = errorPosition(e);
            String where = position[0] > 0 ? "line " + position[0] + ", column " + position[1] : "unknown line";
            throw new InvalidMappingException(location, position[0],
                    "mapping file " + file + " (" + location + ") does not compile, " + where + ": " + e.getMessageWithoutLocation(), e);
        } catch (IOException e) {
            throw new InvalidMappingException(location, -1, "cannot read mapping file " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Line and column of a compile error. For syntax errors JSLT's own location is the last token
     * it could read (often the line above) or missing (lexical errors), while the parser's message
     * names the offending token's position: prefer that.
     */
    private static int[] errorPosition(JsltException e) {
        Matcher parserPosition = PARSER_POSITION.matcher(e.getMessageWithoutLocation());
        if (parserPosition.find()) {
            return new int[] {Integer.parseInt(parserPosition.group(1)), Integer.parseInt(parserPosition.group(2))};
        }
        return new int[] {e.getLine(), e.getColumn()};
    }

    private record Mapping(String file, String location, Expression expression) {
    }
}
