package io.orderhub.gateway;

import java.util.Map;

/**
 * What the gateway answers a platform once the pipeline is done with its delivery: the HTTP status, the
 * outcome it counts and the JSON body. The order stage's result is one; the gateway needs no more of it.
 */
public interface ImportAnswer {

    int httpStatus();

    String status();

    Map<String, Object> body();
}
