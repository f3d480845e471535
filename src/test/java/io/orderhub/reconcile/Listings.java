package io.orderhub.reconcile;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every platform's order listing for {@link OrdersApiDouble}, each a {@link Listing} of its own in this package
 * ({@code <Platform>Listing}), found by itself: a platform adds its listing and edits no shared test file.
 */
final class Listings {

    private static final List<Listing> ALL = discover();

    private Listings() {
    }

    static List<Listing> all() {
        return ALL;
    }

    static Listing of(String platform) {
        return ALL.stream().filter(l -> l.platform().equals(platform)).findFirst().orElseThrow();
    }

    private static List<Listing> discover() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Listing.class));
        List<Listing> listings = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(Listings.class.getPackageName())) {
            try {
                Constructor<?> constructor = Class.forName(candidate.getBeanClassName()).getDeclaredConstructor();
                constructor.setAccessible(true);
                listings.add((Listing) constructor.newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot create the listing " + candidate.getBeanClassName(), e);
            }
        }
        listings.sort(Comparator.comparing(Listing::platform));
        return List.copyOf(listings);
    }
}
