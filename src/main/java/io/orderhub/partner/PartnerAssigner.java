package io.orderhub.partner;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /partners/assign} and {@code /partners/release}: reserve the best partner's capacity for an
 * order, or give it back. Both are idempotent per order: a retry after a lost answer gets the partner
 * reserved the first time, and a release gives capacity back at most once.
 */
@Component
public class PartnerAssigner {

    private static final Logger log = LoggerFactory.getLogger(PartnerAssigner.class);

    private final PartnerRegistry registry;

    public PartnerAssigner(PartnerRegistry registry) {
        this.registry = registry;
    }

    public record Assignment(String partnerId, String reason) {
    }

    public Assignment assign(JsonNode order) {
        String orderId = orderId(order);
        // No read of the order's reservation first: almost every call is an order's first, and a retry finds its
        // reservation when recording one fails (or when nothing has room), so the answer is the same.
        PartnerMatcher.Match match = PartnerMatcher.match(order, registry.all());
        for (PartnerMatcher.Candidate candidate : match.candidates()) {
            if (!registry.reserve(candidate.registered())) {
                continue; // filled up since it was read: the next best one
            }
            String partnerId = candidate.registered().partner().id();
            if (registry.recordReservation(orderId, partnerId)) {
                return new Assignment(partnerId, candidate.reason());
            }
            // The order holds a reservation already (a retry after a lost answer, or a concurrent call won):
            // give this unit back and answer that one.
            registry.release(partnerId);
            return alreadyReserved(orderId).orElseThrow();
        }
        return alreadyReserved(orderId).orElseThrow(() -> new Problems.Conflict(match.noneReason() != null
                ? match.noneReason() : "Every partner serving this address filled up while the order was being assigned."));
    }

    private Optional<Assignment> alreadyReserved(String orderId) {
        return registry.reservationOf(orderId).map(partnerId -> new Assignment(partnerId, "already reserved for this order"));
    }

    /**
     * An operator's choice: this partner, whatever zone and rules say, but never over its capacity. The
     * order's previous reservation, if any, is given back.
     */
    public Assignment reassign(JsonNode order, String partnerId) {
        String orderId = orderId(order);
        PartnerRegistry.Registered target = registry.find(partnerId)
                .orElseThrow(() -> new Problems.NotFound("No partner with id '" + partnerId + "'."));
        if (partnerId.equals(registry.reservationOf(orderId).orElse(null))) {
            return new Assignment(partnerId, "already reserved for this order");
        }
        if (!target.partner().active() || !registry.reserve(target)) {
            throw new Problems.Conflict("Partner '" + partnerId + "' is inactive or at capacity.");
        }
        registry.moveReservation(orderId, partnerId).ifPresent(previous -> {
            if (previous.equals(partnerId)) {
                registry.release(partnerId); // a concurrent reassignment to the same partner reserved already
            } else {
                registry.release(previous);
            }
        });
        return new Assignment(partnerId, "chosen by an operator");
    }

    /** Gives an order's capacity back; the partner it was released from, or empty if it held none. */
    public Optional<String> release(String orderId) {
        Optional<String> released = registry.removeReservation(orderId);
        released.ifPresent(partnerId -> {
            registry.release(partnerId);
            log.info("Released {}'s capacity held by order {}", partnerId, orderId);
        });
        return released;
    }

    private static String orderId(JsonNode order) {
        String orderId = order.path("id").asText(null);
        if (orderId == null || orderId.isBlank()) {
            throw new Problems.BadRequest("The order needs its hub 'id'.");
        }
        return orderId;
    }
}
