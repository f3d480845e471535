package io.orderhub.reconcile;

/**
 * What reconciliation must know of a platform's order listing besides its calls: whose it is, whether the platform's
 * route hydrates what it is handed (a thin platform, whose pulled orders go through the route as the thin event its
 * webhook would be), and the most orders one page may hold.
 */
public record PlatformListing(String platform, boolean hydrated, int maxPage) {

    /** The route takes the pulled order whole. */
    public static PlatformListing whole(String platform, int maxPage) {
        return new PlatformListing(platform, false, maxPage);
    }

    /** The route hydrates a thin event naming the pulled order, as it hydrates a webhook. */
    public static PlatformListing thin(String platform, int maxPage) {
        return new PlatformListing(platform, true, maxPage);
    }
}
