package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * README.md is the front door and docs/ holds one page per topic: the documentation must stand alone in the
 * repository (every relative link resolves, nothing points at files outside it), and the README stays short
 * enough to read first while still carrying the test command that CI runs.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    private static final Path README = ROOT.resolve("README.md");
    private static final Path PLATFORM_PAGES = ROOT.resolve("docs/platforms");
    private static final Pattern PLATFORM_ROUTE = Pattern.compile("io\\.orderhub\\.routes\\.[A-Za-z]+Route");
    private static final int README_MAX_LINES = 260;
    private static final String TEST_COMMAND = "./mvnw -B verify";
    private static final List<String> OUTSIDE_THE_REPOSITORY = List.of("../shared", "shared/schema", "/work/");

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]*)]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    /** A Markdown link found in one page: where it is written and what it points at. */
    record Link(Path page, String target) {

        boolean relative() {
            return !SCHEME.matcher(target).find() && !target.startsWith("//");
        }

        Path file() {
            String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            return path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        }

        String anchor() {
            return target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        }

        @Override
        public String toString() {
            return ROOT.relativize(page) + " → " + target;
        }
    }

    @Test
    void everyRelativeLinkResolvesToAFileInTheRepository() {
        List<Link> links = relativeLinks();
        assertThat(links).as("the pages link to each other").isNotEmpty();

        List<Link> broken = links.stream()
                .filter(link -> link.target().startsWith("/") || !link.file().startsWith(ROOT)
                        || !Files.exists(link.file()))
                .toList();
        assertThat(broken).as("links whose file is not in the repository").isEmpty();
    }

    @Test
    void everyAnchorIntoAMarkdownPageNamesOneOfItsHeadings() {
        Map<Path, Set<String>> anchorsByPage = new HashMap<>();
        List<Link> broken = relativeLinks().stream()
                .filter(link -> link.anchor() != null && link.file().toString().endsWith(".md")
                        && Files.isRegularFile(link.file()))
                .filter(link -> !anchorsByPage.computeIfAbsent(link.file(), DocsLinksTest::headingAnchors)
                        .contains(link.anchor()))
                .toList();
        assertThat(broken).as("anchors without a heading of that name").isEmpty();
    }

    @Test
    void readmeLinksToEveryTopicPageAndToThePlatformsFolder() {
        Set<Path> linked = new LinkedHashSet<>();
        links(README).stream().filter(Link::relative).map(Link::file).forEach(linked::add);
        List<Path> unlinked = docsPages().stream().filter(page -> !page.startsWith(PLATFORM_PAGES))
                .filter(page -> !linked.contains(page)).map(ROOT::relativize).toList();
        assertThat(unlinked).as("docs pages the README does not link to").isEmpty();
        // A platform's page is found through the folder, so adding a platform edits no shared page.
        assertThat(linked).as("README links docs/platforms/").contains(PLATFORM_PAGES);
    }

    @Test
    void everyPlatformHasItsPageAndEveryPageNamesItsRoute() throws IOException {
        Set<String> platforms = new TreeSet<>();
        try (Stream<Path> mappings = Files.list(ROOT.resolve("src/main/resources/mappings"))) {
            mappings.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jslt"))
                    .map(name -> name.substring(0, name.length() - ".jslt".length())).forEach(platforms::add);
        }
        Map<String, String> routeByPage = new TreeMap<>();
        try (Stream<Path> files = Files.list(PLATFORM_PAGES)) {
            files.filter(file -> file.toString().endsWith(".md")).forEach(page -> {
                Matcher route = PLATFORM_ROUTE.matcher(read(page));
                String name = page.getFileName().toString();
                routeByPage.put(name.substring(0, name.length() - ".md".length()), route.find() ? route.group() : null);
            });
        }
        assertThat(platforms).as("platforms (mapping files)").isNotEmpty();
        assertThat(routeByPage.keySet()).as("docs/platforms/<platform>.md for every mapping file").containsAll(platforms);
        routeByPage.forEach((page, route) -> assertThat(route).as(page + ".md names its route class").isNotNull()
                .satisfies(name -> assertThat(Class.forName(name)).isNotNull()));
    }

    @Test
    void readmeIsShortEnoughToReadFirst() {
        assertThat(lines(README)).as("README.md lines").hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void readmeCarriesTheTestCommandThatCiRuns() {
        // .ci/run runs exactly the README's test command, so it must stand on a line of its own.
        assertThat(lines(README)).anySatisfy(line -> assertThat(line.strip()).isEqualTo(TEST_COMMAND));
    }

    @Test
    void noPageRefersToFilesOutsideTheRepository() {
        // The workplace's shared folder is not shipped with the project; a page citing it cannot be followed.
        List<String> outside = new ArrayList<>();
        for (Path page : pages()) {
            String text = read(page);
            OUTSIDE_THE_REPOSITORY.stream().filter(text::contains)
                    .forEach(reference -> outside.add(ROOT.relativize(page) + " cites " + reference));
        }
        assertThat(outside).isEmpty();
    }

    private static List<Link> relativeLinks() {
        return pages().stream().flatMap(page -> links(page).stream()).filter(Link::relative).toList();
    }

    private static List<Link> links(Path page) {
        Matcher matcher = LINK.matcher(prose(read(page)));
        List<Link> links = new ArrayList<>();
        while (matcher.find()) {
            links.add(new Link(page, matcher.group(2)));
        }
        return links;
    }

    /** GitHub's anchors: the heading's text, lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    private static Set<String> headingAnchors(Path page) {
        Matcher matcher = HEADING.matcher(FENCE.matcher(read(page)).replaceAll(""));
        Map<String, Integer> seen = new HashMap<>();
        Set<String> anchors = new LinkedHashSet<>();
        while (matcher.find()) {
            String text = LINK.matcher(matcher.group(1)).replaceAll("$1").replace("`", "");
            String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }

    /** The text a reader sees as prose: code blocks and code spans hold examples, not links. */
    private static String prose(String markdown) {
        return CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(README));
        pages.addAll(docsPages());
        return pages;
    }

    private static List<Path> docsPages() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
