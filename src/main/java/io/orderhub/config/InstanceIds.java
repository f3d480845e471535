package io.orderhub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * The name an instance gives itself in the leases it holds (assignment, reconciliation): the configured one, else
 * the host name plus a random suffix, so two instances on one host (the production shape) never share a lease.
 */
public final class InstanceIds {

    private InstanceIds() {
    }

    public static String configuredOrDefault(String configured) {
        return configured == null || configured.isBlank() ? hostWithSuffix() : configured;
    }

    private static String hostWithSuffix() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "hub";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
