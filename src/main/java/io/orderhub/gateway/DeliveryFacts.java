package io.orderhub.gateway;

/**
 * What the gateway's answers need of the delivery they answer (for the import metrics): the delivery and its
 * platform, read from the import path's one exchange property. The platform package's record implements it, so
 * the gateway reads it without depending on the stages after it.
 */
public interface DeliveryFacts {

    /** The exchange property that carries the import path's record. */
    String PROPERTY = "orderhubImport";

    InboundDelivery delivery();

    /** Null until the gateway recognised (or was told) the platform. */
    String platform();
}
