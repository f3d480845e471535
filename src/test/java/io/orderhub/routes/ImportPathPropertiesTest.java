package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The import path keeps a delivery's state in the body and a few exchange properties (issue 18: at most six).
 * Property names are {@code orderhubSomething} constants; this reads them from the sources, so a new one on the
 * import path fails here until it is documented in README's "How a delivery flows".
 */
class ImportPathPropertiesTest {

    private static final Set<String> IMPORT_PATH = Set.of("orderhubImport", "orderhubCachedEntry",
            "orderhubOrderEvent", "orderhubKeptDelivery", "orderhubDeadLetter");
    /** Sources whose properties live on other paths: operator replays, assignment, queue drain, reconciliation. */
    private static final Set<String> OFF_THE_IMPORT_PATH = Set.of("admin/Replays.java", "assignment/Assignments.java",
            "queue/QueueDrainer.java", "reconcile/Reconciler.java", "store/MongoConfiguration.java");
    private static final Pattern PROPERTY_NAME = Pattern.compile("\"(orderhub[A-Z][A-Za-z]*)\"");
    private static final Path SOURCES = Path.of("src/main/java/io/orderhub");

    @Test
    void theImportPathUsesOnlyTheDocumentedExchangeProperties() throws IOException {
        assertThat(propertyNamesOnTheImportPath()).containsExactlyInAnyOrderElementsOf(IMPORT_PATH).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void readmeListsEveryExchangePropertyOfTheImportPath() throws IOException {
        String flow = Files.readString(Path.of("README.md"));
        String line = flow.substring(flow.indexOf("Exchange properties on the import path:"));
        assertThat(IMPORT_PATH).allSatisfy(name -> assertThat(line).contains("`" + name + "`"));
    }

    private static Set<String> propertyNamesOnTheImportPath() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                if (OFF_THE_IMPORT_PATH.contains(SOURCES.relativize(file).toString().replace('\\', '/'))) {
                    continue;
                }
                Matcher matcher = PROPERTY_NAME.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }
}
