package io.orderhub.platform;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.orderhub.gateway.InboundDelivery;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The explicit part of platform detection ({@code X-OrderHub-Platform} or {@code ?platform=}) and its refusal. */
@Component
public class PlatformDetector {

    private final Set<String> known = new TreeSet<>();

    public PlatformDetector(List<PlatformRecognizer> platforms) {
        platforms.forEach(p -> known.add(p.platform()));
    }

    /** The platform a delivery names, or null when it names none; a name the hub does not know is refused. */
    public String explicitPlatform(Exchange exchange) {
        String named = Deliveries.delivery(exchange).explicitPlatform();
        if (named == null || named.isEmpty()) {
            return null;
        }
        if (!known.contains(named)) {
            throw new Problems.UnknownPlatform("Platform '" + named + "' (from X-OrderHub-Platform or ?platform=) is not "
                    + "supported; supported platforms: " + String.join(", ", known) + ".");
        }
        return named;
    }

    /** Sets the platform the delivery names, if it names one (a name the hub does not know is refused). */
    public void nameExplicitPlatform(Exchange exchange) {
        String named = explicitPlatform(exchange);
        if (named != null) {
            Deliveries.update(exchange, context -> context.withPlatform(named));
        }
    }

    public void unrecognised(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        throw new Problems.UnknownPlatform("No supported platform (" + String.join(", ", known) + ") recognises this "
                + "delivery. Looked at its headers " + new TreeSet<>(delivery.headers().keySet()) + " and its body. "
                + "Name the platform with the X-OrderHub-Platform header or ?platform=.");
    }
}
