package io.orderhub.gateway;

/** A token bucket per store: where they live (this process, or Redis for the whole hub) is the implementation's. */
@FunctionalInterface
public interface TokenBuckets {

    /** Takes one token of the store's bucket: 0 when taken, else the milliseconds until one is there. */
    long take(String store);
}
