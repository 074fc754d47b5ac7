package com.sendline.adapters.http.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON string into a {@code String} field and nothing else. Micronaut Serde 2 turns {@code 4915123456789},
 * {@code true} or {@code [ "x" ]} into a string without a word; a partner whose client sends the wrong type would
 * then have a request accepted that it did not mean, so a wrong type is refused as a malformed body instead.
 */
@Singleton
@Primary
public final class StrictStrings implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
            throws IOException {
        return read(decoder, type);
    }

    /** The next value, which must be a JSON string; {@code type} names the field in the error. */
    static String read(Decoder decoder, Argument<?> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof String text) {
            return text;
        }
        throw decoder.createDeserializationException(
                "Expected a JSON string, found " + kind(value) + " (" + name(type) + ")", value);
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type)
            throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }

    private static String name(Argument<?> type) {
        String name = type.getName();
        return name == null || name.isEmpty() || name.equals("String") ? "a text field" : "field '" + name + "'";
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case Boolean ignored -> "a boolean";
            case Number ignored -> "a number";
            case List<?> ignored -> "an array";
            case Map<?, ?> ignored -> "an object";
            default -> "a " + value.getClass().getSimpleName();
        };
    }
}
