package com.sendline.adapters.http.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array of strings (tags, scopes, event names) with {@link StrictStrings}' rule for every element:
 * Serde's own list reader would take {@code ["vip", 7]} as {@code ["vip", "7"]}.
 */
@Singleton
@Primary
public final class StrictStringLists implements Deserializer<List<String>> {

    @Override
    public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
            throws IOException {
        List<String> values = new ArrayList<>();
        try (Decoder array = decoder.decodeArray()) {
            while (array.hasNextArrayValue()) {
                values.add(StrictStrings.read(array, type));
            }
        }
        return values;
    }

    @Override
    public List<String> deserializeNullable(Decoder decoder, DecoderContext context,
                                            Argument<? super List<String>> type) throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }
}
