package com.sendline.adapters.webhooks;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The DNS lookup the connection itself uses, refusing a host with any internal address among its answers. Checking
 * here rather than before the request closes the rebinding gap: there is no second lookup that a host could answer
 * differently, so the address connected to is always one that was checked.
 */
final class PublicAddressResolver implements DnsResolver {
    private final DnsResolver dns;

    PublicAddressResolver() {
        this(SystemDefaultDnsResolver.INSTANCE);
    }

    PublicAddressResolver(DnsResolver dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                throw new InternalAddressRefused(host, a);
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }

    /** Loopback, private, link-local (cloud metadata), carrier-grade NAT, unique-local, multicast or reserved. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8 "this network", 240.0.0.0/4 reserved and broadcast.
            return (first == 100 && second >= 64 && second < 128) || first == 0 || first >= 240;
        }
        // fc00::/7 unique local addresses.
        return (b[0] & 0xfe) == 0xfc;
    }

    /** A lookup that found an internal address: the try fails with this message and nothing is sent. */
    static final class InternalAddressRefused extends UnknownHostException {
        InternalAddressRefused(String host, InetAddress address) {
            super("refused: " + host + " resolves to an internal address (" + address.getHostAddress()
                    + "); deliveries go to public addresses only");
        }
    }
}
