package dev.freshet.web;

import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every HTTP route the server registered, as Javalin announced them (for the OpenAPI completeness test). */
public final class RouteCatalog {
    private static final Set<HandlerType> ENDPOINTS =
            Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    public record Route(String method, String path) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    void add(HandlerMetaInfo info) {
        if (ENDPOINTS.contains(info.getHttpMethod())) {
            routes.add(new Route(info.getHttpMethod().name(), info.getPath()));
        }
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }
}
