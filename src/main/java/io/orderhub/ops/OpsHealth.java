package io.orderhub.ops;

import org.springframework.boot.actuate.health.Status;

/** Health vocabulary beyond Spring's: a component that is failing while the hub still accepts orders. */
final class OpsHealth {

    static final Status DEGRADED = new Status("DEGRADED");

    private OpsHealth() {
    }
}
