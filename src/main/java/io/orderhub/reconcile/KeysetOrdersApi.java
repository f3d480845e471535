package io.orderhub.reconcile;

/**
 * A listing filtered by update time and paged by offset or page number: the position is a {@link Keyset}, so an
 * order changed during a run never shifts another one out of the pages still to be read.
 */
public abstract class KeysetOrdersApi extends PlatformOrdersApi {

    @Override
    public final Page page(ApiCalls calls, ReconciledStore store, Window window, String position) {
        return page(calls, store, window, Keyset.of(position), limit(store));
    }

    /**
     * The page that starts at {@code keyset}: the listing asked from {@link Keyset#from} to the window's end, at
     * {@link Keyset#offset} (or {@link Keyset#page}), {@code limit} orders, read with {@link Keyset#next}.
     */
    protected abstract Page page(ApiCalls calls, ReconciledStore store, Window window, Keyset keyset, int limit);
}
