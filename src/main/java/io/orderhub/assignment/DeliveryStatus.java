package io.orderhub.assignment;

import java.util.List;

/** The values of {@code delivery.status} (CONTRACT.md) and which of them an instance still works on. */
public final class DeliveryStatus {

    /** Stored, not yet tried: every new order starts here. */
    public static final String PENDING = "pending";
    /** An instance holds the order's lease and is asking the Partner Service. */
    public static final String ASSIGNING = "assigning";
    /** The initial search found no partner; the customer is offered to wait, cancel or go on in the background. */
    public static final String DELAYED = "delayed";
    /** The customer chose to wait: the wider search runs. */
    public static final String EXTENDED_SEARCH = "extended_search";
    /** Searched on without the customer watching, until a partner is found or the search gives up. */
    public static final String BACKGROUND = "background";
    /** A partner took the order (possibly the fallback courier, then flagged {@code needs_review}). */
    public static final String ASSIGNED = "assigned";
    /** Cancelled by the customer or the platform; a partner it had is released. */
    public static final String CANCELLED = "cancelled";
    /** The search gave up: an operator reassigns it. */
    public static final String FAILED = "failed";

    /** Still looking for a partner: these are claimed, attempted and moved along the timeline. */
    public static final List<String> SEARCHING = List.of(PENDING, ASSIGNING, DELAYED, EXTENDED_SEARCH, BACKGROUND);

    private DeliveryStatus() {
    }

    public static boolean isSearching(String status) {
        return SEARCHING.contains(status);
    }
}
