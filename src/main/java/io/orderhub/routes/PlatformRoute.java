package io.orderhub.routes;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.orderhub.config.ConditionalOnRole;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Marks a platform's route: a component of the import role, with its place in the order in which the gateway asks
 * platforms whether they recognise a delivery that does not name its platform (header-only recognisers first).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@ConditionalOnRole("import")
@Order
public @interface PlatformRoute {

    /** The platform's place in recognition order: lower is asked first. */
    @AliasFor(annotation = Order.class, attribute = "value")
    int order();
}
