package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Hawtio's route diagram labels each node by its id and counts exchanges per id, reading the same XML dump of
 * the route model as this test. Every node of the import path and of the routes that follow a stored order has
 * an id that says what it does, never one Camel generated ({@code from32}, {@code choice10}).
 */
@HubTest
class RouteNodeIdsTest extends HubTestSupport {

    private static final List<String> ROUTES = List.of("import-gateway", "translate", "order-store", "order-insert",
            "order-after-store", "publish-order-event", "keep-delivery", "delivery-history", "dead-letter",
            "assignment-events", "assignment-queue", "assignment-poll", "assignment-attempt", "assignment-new-orders",
            "assignment-batch",
            "dashboard-feed", "dashboard-batch");
    private static final Pattern GENERATED = Pattern.compile("[a-zA-Z]+[0-9]+");

    @Autowired
    ModelCamelContext camel;

    @Test
    void everyNodeOfTheImportPathHasAnIdThatSaysWhatItDoes() throws Exception {
        Map<String, List<String>> idsByRoute = new LinkedHashMap<>();
        for (String route : ROUTES) {
            idsByRoute.put(route, nodeIds(route));
            System.out.println(route + ": " + String.join(", ", idsByRoute.get(route)));
        }

        assertThat(idsByRoute.values()).allSatisfy(ids -> assertThat(ids).isNotEmpty()
                .noneMatch(id -> GENERATED.matcher(id).matches()));
        assertThat(idsByRoute.get("import-gateway")).contains("gateway-http-in", "gateway-check-size-and-type",
                "gateway-route-to-platform", "gateway-when-shopify", "gateway-to-shopify", "gateway-answer");
        assertThat(idsByRoute.get("translate")).containsExactly("translate-in", "translate-map", "translate-to-store");
        assertThat(idsByRoute.get("order-store")).contains("idempotent-consumer", "store-when-cached-duplicate",
                "store-to-insert");
        assertThat(idsByRoute.get("order-insert")).contains("store-insert");
    }

    /** The ids of every element of the route's dump (the route's own id aside), in document order. */
    private List<String> nodeIds(String routeId) throws Exception {
        String xml = PluginHelper.getModelToXMLDumper(camel).dumpModelAsXml(camel, camel.getRouteDefinition(routeId));
        Element route = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        List<String> ids = new ArrayList<>();
        NodeList nodes = route.getElementsByTagName("*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            if (node.hasAttribute("id")) {
                ids.add(node.getAttribute("id"));
            }
        }
        return ids;
    }
}
