package io.orderhub.platform;

/**
 * Told of every authentic webhook a store sends, so a store whose webhooks have stopped can be noticed
 * (reconciliation's store health keeps the times). Declared here so the platform routes need nothing of it.
 */
@FunctionalInterface
public interface WebhookArrivals {

    void webhookArrived(String platform, String storeUid);
}
