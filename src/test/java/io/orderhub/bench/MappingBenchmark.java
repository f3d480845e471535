package io.orderhub.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.OrderMapper;
import io.orderhub.mapping.OrderSchemaValidator;
import io.orderhub.support.Fixture;
import io.orderhub.translate.OrderTranslator;
import io.orderhub.translate.PayloadJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mapping step of each platform without HTTP: the delivery's bytes (for BigCommerce the three API answers
 * hydration fetches) parsed, wrapped in the envelope a mapping file reads, mapped by the platform's JSLT file
 * and validated against the universal schema, with the hub's own {@link PayloadJson} and
 * {@link OrderTranslator}. Run with {@code bench/run.sh jmh} (see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MappingBenchmark {

    @Param({"shopify", "woocommerce", "bigcommerce"})
    public String platform;

    private PayloadJson json;
    private OrderTranslator translator;
    private String storeUid;
    private Map<String, String> headers;
    private byte[] body;
    private byte[] products;
    private byte[] shippingAddresses;

    @Setup(Level.Trial)
    public void load() throws Exception {
        json = new PayloadJson();
        translator = new OrderTranslator(new OrderMapper(), new OrderSchemaValidator(JsonMapper.builder().build()), json);
        Workload.Platform mix = Workload.Platform.valueOf(platform.toUpperCase(Locale.ROOT));
        Fixture fixture = mix.fixture;
        storeUid = fixture.storeUid();
        headers = fixture.last().headers();
        if (mix == Workload.Platform.BIGCOMMERCE) {
            String base = "/stores/" + storeUid + "/v2/orders/101";
            body = bytes(fixture.apiResponses().get(base));
            products = bytes(fixture.apiResponses().get(base + "/products"));
            shippingAddresses = bytes(fixture.apiResponses().get(base + "/shipping_addresses"));
        } else {
            body = fixture.last().rawBody().getBytes(StandardCharsets.UTF_8);
        }
        OrderTranslator.MappedOrder check = map();
        if (!check.problems().isEmpty()) {
            throw new IllegalStateException(platform + " fixture does not map: " + check.problems());
        }
    }

    @Benchmark
    public OrderTranslator.MappedOrder map() throws java.io.IOException {
        ObjectNode envelope = json.mapper().createObjectNode();
        ObjectNode meta = envelope.putObject("meta");
        meta.put("platform", platform);
        meta.put("store_uid", storeUid);
        meta.put("received_at", "2026-11-25T08:00:00.123Z");
        ObjectNode headerNode = meta.putObject("headers");
        headers.forEach((name, value) -> headerNode.put(name.toLowerCase(Locale.ROOT), value));
        JsonNode order = json.parse(body, platform);
        envelope.set("order", order);
        if (products != null) {
            ObjectNode event = envelope.putObject("event");
            event.put("scope", "store/order/created");
            event.putObject("data").put("type", "order").set("id", order.get("id"));
            event.put("producer", "stores/" + storeUid);
            envelope.set("products", json.mapper().readTree(products, 0, products.length));
            envelope.set("shipping_addresses", json.mapper().readTree(shippingAddresses, 0, shippingAddresses.length));
        }
        return translator.map(platform, envelope);
    }

    /**
     * The parse alone. The durable floor parses too, so what mapping adds to an import beyond the floor is
     * {@link #map()}'s time less this one's.
     */
    @Benchmark
    public JsonNode parse() {
        return json.parse(body, platform);
    }

    private static byte[] bytes(JsonNode node) throws Exception {
        return Fixture.JSON.writeValueAsBytes(node);
    }
}
