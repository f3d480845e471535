package io.orderhub.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package layout read from the sources: which feature package names which (an import, a fully qualified
 * name, a {@code {@link}}). A cycle between the pipeline's packages would let a change anywhere in it ripple
 * everywhere; the embedded store is the store configuration's business alone.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/orderhub");
    private static final Set<String> PIPELINE = Set.of("gateway", "platform", "order", "reconcile", "admin");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.orderhub\\.([a-z]+)\\.");

    @Test
    void thePipelinePackagesDependOnEachOtherWithoutACycle() {
        Map<String, Set<String>> graph = dependencies(PIPELINE::contains);

        assertThat(cycle(graph)).as("package dependencies %s", graph).isEmpty();
    }

    @Test
    void onlyTheStoreConfigurationKnowsTheEmbeddedStore() {
        Map<String, Set<String>> graph = dependencies(name -> true);

        assertThat(graph.entrySet().stream().filter(entry -> entry.getValue().contains("store")).map(Map.Entry::getKey))
                .as("packages naming io.orderhub.store").isEmpty();
    }

    /** Which top-level package names which, among the packages {@code included} accepts. */
    private static Map<String, Set<String>> dependencies(Predicate<String> included) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java") && file.getNameCount() > SOURCES.getNameCount() + 1)
                    .forEach(file -> {
                        String from = file.getName(SOURCES.getNameCount()).toString();
                        if (!included.test(from)) {
                            return;
                        }
                        Matcher reference = REFERENCE.matcher(read(file));
                        Set<String> targets = graph.computeIfAbsent(from, name -> new TreeSet<>());
                        while (reference.find()) {
                            String to = reference.group(1);
                            if (!to.equals(from) && included.test(to)) {
                                targets.add(to);
                            }
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** One cycle of the graph as the packages along it, or empty when there is none. */
    private static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Boolean> onPath = new LinkedHashMap<>();
        for (String start : graph.keySet()) {
            List<String> found = cycleFrom(start, graph, onPath, new ArrayList<>());
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> cycleFrom(String node, Map<String, Set<String>> graph, Map<String, Boolean> state,
            List<String> path) {
        Boolean active = state.get(node);
        if (Boolean.TRUE.equals(active)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        if (Boolean.FALSE.equals(active)) {
            return List.of();
        }
        state.put(node, true);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = cycleFrom(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, false);
        return List.of();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
