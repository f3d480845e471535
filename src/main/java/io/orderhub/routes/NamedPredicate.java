package io.orderhub.routes;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * A predicate that says what it asks. Camel prints a predicate by its {@code toString} (route dumps, Hawtio's
 * diagram and tooltips, tracing), and a lambda's or method reference's is only its generated class name.
 */
record NamedPredicate(String name, Predicate predicate) implements Predicate {

    static NamedPredicate named(String name, Predicate predicate) {
        return new NamedPredicate(name, predicate);
    }

    @Override
    public boolean matches(Exchange exchange) {
        return predicate.matches(exchange);
    }

    @Override
    public String toString() {
        return name;
    }
}
