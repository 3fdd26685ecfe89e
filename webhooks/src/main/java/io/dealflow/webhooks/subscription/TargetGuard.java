package io.dealflow.webhooks.subscription;

import io.dealflow.webhooks.WebhookProperties;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Keeps webhooks from being aimed at the server's own network (SSRF): a target must be an absolute http(s) URL whose
 * host resolves only to public addresses, unless {@code dealflow.webhooks.allow-private-targets} is set. Checked when
 * a subscription is saved and again before every attempt, as a name can be re-pointed after it was accepted.
 */
@Component
public class TargetGuard {

    private final boolean allowPrivateTargets;

    TargetGuard(WebhookProperties properties) {
        this.allowPrivateTargets = properties.allowPrivateTargets();
    }

    /** Why the URL may not be a webhook target; empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        if (allowPrivateTargets) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("points to a private, loopback or link-local address (" + address.getHostAddress()
                        + "), which webhooks may not reach");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (address instanceof Inet4Address) {
            return first != 0                                   // 0.0.0.0/8, "this network"
                    && !(first == 100 && (second & 0xc0) == 64)  // 100.64.0.0/10, carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)  // 192.0.0.0/24, IETF protocol
                    && !(first == 198 && (second & 0xfe) == 18)  // 198.18.0.0/15, benchmarking
                    && first < 240;                             // 240.0.0.0/4 reserved, and broadcast
        }
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            return isPublic(embeddedIpv4(bytes));               // ::a.b.c.d
        }
        return (first & 0xfe) != 0xfc;                          // fc00::/7, unique local
    }

    private static InetAddress embeddedIpv4(byte[] ipv6) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(ipv6, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
