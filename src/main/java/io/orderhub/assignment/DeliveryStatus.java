package io.orderhub.assignment;

import java.util.List;

/** The values of {@code delivery.status} (CONTRACT.md) and which of them an instance still works on. */
public final class DeliveryStatus {

    public static final String PENDING = "pending";
    public static final String ASSIGNING = "assigning";
    public static final String DELAYED = "delayed";
    public static final String EXTENDED_SEARCH = "extended_search";
    public static final String BACKGROUND = "background";
    public static final String ASSIGNED = "assigned";
    public static final String CANCELLED = "cancelled";
    public static final String FAILED = "failed";

    /** Still looking for a partner: these are claimed, attempted and moved along the timeline. */
    public static final List<String> SEARCHING = List.of(PENDING, ASSIGNING, DELAYED, EXTENDED_SEARCH, BACKGROUND);

    private DeliveryStatus() {
    }

    public static boolean isSearching(String status) {
        return SEARCHING.contains(status);
    }
}
