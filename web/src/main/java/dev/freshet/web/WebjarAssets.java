package dev.freshet.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Paths of browser assets served from webjars under {@code /webjars/}. The version is read from the webjar's own
 * pom.properties, so bumping the version in the pom is the only change an upgrade needs.
 */
public final class WebjarAssets {
    private WebjarAssets() {}

    public static String htmx() {
        return "/webjars/htmx.org/" + version("org.webjars.npm", "htmx.org") + "/dist/htmx.min.js";
    }

    /** The folder of Swagger UI's files, e.g. {@code /webjars/swagger-ui/5.34.1}. */
    public static String swaggerUi() {
        return "/webjars/swagger-ui/" + version("org.webjars", "swagger-ui");
    }

    static String version(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = WebjarAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("webjar " + groupId + ":" + artifactId + " is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
