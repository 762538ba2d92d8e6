package dev.freshet.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.stream.Stream;

/**
 * Javalin's JSON mapper with one change: {@code ctx.json(...)} serialises to a byte array on the request's own
 * thread. Javalin's default streams every body through a pipe fed by another thread, which costs more than the
 * small bodies this server writes (and a lot on the scoring path).
 */
final class BufferedJsonMapper implements JsonMapper {
    private final ObjectMapper mapper;
    private final JavalinJackson delegate;

    BufferedJsonMapper(ObjectMapper mapper) {
        this.mapper = mapper;
        this.delegate = new JavalinJackson(mapper, false);
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return delegate.toJsonString(obj, type);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        try {
            return new ByteArrayInputStream(mapper.writeValueAsBytes(obj));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream outputStream) {
        delegate.writeToOutputStream(stream, outputStream);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        return delegate.fromJsonString(json, targetType);
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        return delegate.fromJsonStream(json, targetType);
    }
}
