package com.sendline.adapters.http.apiaccess;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Who is asking, for limits per client. Micronaut's own resolver believes any {@code Forwarded} or
 * {@code X-Forwarded-For} header, which a caller can simply make up; here the connection's peer counts unless the
 * operator names the one header their reverse proxy sets ({@code CLIENT_ADDRESS_HEADER}), and then only the entry
 * the proxy itself appended (the last). IPv6 callers are counted by their /64, the block one subscriber gets.
 */
@Singleton
public final class ClientAddresses {
    private final String header;

    public ClientAddresses(@Value("${sendline.api.client-address-header:}") @Nullable String header) {
        this.header = header == null || header.isBlank() ? null : header.strip();
    }

    public String of(HttpRequest<?> request) {
        if (header != null) {
            List<String> values = request.getHeaders().getAll(header);
            if (!values.isEmpty()) {
                String last = values.getLast();
                String entry = last.substring(last.lastIndexOf(',') + 1).strip();
                if (!entry.isEmpty()) {
                    return entry;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote.getAddress();
        if (address == null) {
            return remote.getHostString();
        }
        if (address instanceof Inet6Address) {
            byte[] block = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(block, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(block).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("16 bytes are an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }
}
