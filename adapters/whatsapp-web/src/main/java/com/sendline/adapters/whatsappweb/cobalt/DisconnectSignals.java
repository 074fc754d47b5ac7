package com.sendline.adapters.whatsappweb.cobalt;

import com.sendline.domain.session.SessionEvents.Disconnect;
import it.auties.whatsapp.model.node.Node;

import java.util.Optional;

/**
 * Reads why WhatsApp is about to end a connection from the nodes it sends. Cobalt 0.0.10 always tells its listeners
 * {@code DISCONNECTED}, whatever the cause (it keeps the cause to itself, to decide whether to reconnect), so the
 * driver listens to the raw nodes and classifies them the way Cobalt's own stream handler does:
 *
 * <table>
 * <tr><th>node</th><th>Cobalt does</th><th>we report</th></tr>
 * <tr><td>{@code failure} reason 401, 405</td><td>logs out</td><td>{@code LOGGED_OUT}</td></tr>
 * <tr><td>{@code failure} reason 403, 503</td><td>bans</td><td>{@code BANNED}</td></tr>
 * <tr><td>{@code failure}, other reasons</td><td>reconnects</td><td>{@code CONNECTION_LOST}</td></tr>
 * <tr><td>{@code stream:error} code 515</td><td>reconnects</td><td>{@code STREAM_ERROR_515}</td></tr>
 * <tr><td>{@code stream:error} code 401 with {@code device_removed}, code 500</td><td>logs out</td>
 *     <td>{@code LOGGED_OUT}</td></tr>
 * <tr><td>{@code stream:error} with {@code conflict} (another connection took over), 403, 503</td>
 *     <td>reconnects</td><td>{@code CONNECTION_LOST}</td></tr>
 * <tr><td>{@code xmlstreamend}</td><td>reconnects</td><td>{@code CONNECTION_LOST}</td></tr>
 * </table>
 * An {@code iq} carrying {@code pair-success} means a phone scanned the QR code.
 */
final class DisconnectSignals {
    /** What one node says. */
    record Signal(Disconnect disconnect, boolean scanned, String detail) {
        static Signal ending(Disconnect d, String detail) {
            return new Signal(d, false, detail);
        }

        /** When two signals arrive for one connection, the more final one wins (a ban over a lost connection). */
        Signal graver(Signal other) {
            return other == null || rank(disconnect) >= rank(other.disconnect) ? this : other;
        }

        private static int rank(Disconnect d) {
            return switch (d) {
                case CONNECTION_LOST -> 0;
                case STREAM_ERROR_515 -> 1;
                case LOGGED_OUT -> 2;
                case BANNED -> 3;
            };
        }
    }

    static final Signal SCANNED = new Signal(null, true, "the QR code was scanned");

    private DisconnectSignals() {
    }

    static Optional<Signal> classify(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        return switch (node.description()) {
            case "failure" -> Optional.of(failure(intAttribute(node, "reason")));
            case "stream:error" -> streamError(node);
            case "xmlstreamend" -> Optional.of(Signal.ending(Disconnect.CONNECTION_LOST, "the stream ended"));
            case "iq" -> node.findChild("pair-success").isPresent() ? Optional.of(SCANNED) : Optional.empty();
            case null, default -> Optional.empty();
        };
    }

    private static Signal failure(Integer reason) {
        String detail = "login failure " + (reason == null ? "without a reason" : reason);
        if (reason == null) {
            return Signal.ending(Disconnect.CONNECTION_LOST, detail);
        }
        return switch (reason) {
            case 401, 405 -> Signal.ending(Disconnect.LOGGED_OUT, detail);
            case 403, 503 -> Signal.ending(Disconnect.BANNED, detail);
            default -> Signal.ending(Disconnect.CONNECTION_LOST, detail);
        };
    }

    private static Optional<Signal> streamError(Node node) {
        if (node.hasNode("conflict")) {
            return Optional.of(Signal.ending(Disconnect.CONNECTION_LOST,
                    "stream error: conflict (another connection with these credentials took over)"));
        }
        Integer code = intAttribute(node, "code");
        if (code == null) {
            return Optional.empty();
        }
        String detail = "stream error " + code;
        return switch (code) {
            case 515 -> Optional.of(Signal.ending(Disconnect.STREAM_ERROR_515, detail + " (restart required)"));
            case 500 -> Optional.of(Signal.ending(Disconnect.LOGGED_OUT, detail));
            case 401 -> deviceRemoved(node)
                    ? Optional.of(Signal.ending(Disconnect.LOGGED_OUT, detail + " (device removed)"))
                    : Optional.empty();
            case 403, 503 -> Optional.of(Signal.ending(Disconnect.CONNECTION_LOST, detail));
            default -> Optional.empty();
        };
    }

    private static boolean deviceRemoved(Node node) {
        return node.children().stream().anyMatch(child ->
                "device_removed".equals(child.attributes().getString("reason", child.attributes().getString("type", null))));
    }

    private static Integer intAttribute(Node node, String name) {
        return node.attributes().getOptionalString(name).flatMap(v -> {
            try {
                return Optional.of(Integer.parseInt(v.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
