package io.orderhub.reconcile;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Declares a platform's {@link PlatformOrdersApi} (and makes it a bean): whose order listing it is, whether the
 * platform's route hydrates what it is handed (a thin platform, whose pulled orders go through the route as the thin
 * event its webhook would be), and the most orders one page may hold.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PlatformListing {

    /** The platform's name, as its route and mapping file know it. */
    String platform();

    /** The route hydrates a thin event naming the pulled order, as it hydrates a webhook; else it takes the order whole. */
    boolean hydrated();

    /** The most orders the listing returns in one page; none stated: the store's page size. */
    int maxPage() default Integer.MAX_VALUE;
}
