package com.sendline.fakes.graphapi;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.AsciiString;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One client connection. Its requests are answered one at a time, in the order they came, as HTTP/1.1 wants of
 * pipelined requests and as the JDK server the fake used to run on did. A wait is a task scheduled on the
 * connection's event loop, never a sleep, so that the loop goes on serving every other connection meanwhile.
 *
 * <p>Not sharable: one instance per connection, only ever called on that connection's event loop, which is why
 * its state needs no locks.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final AsciiString JSON_UTF8 = AsciiString.cached("application/json; charset=UTF-8");

    private final MessagesHandler messages;
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    /** A request has left the queue and has not been answered yet. */
    private boolean answering;
    /** {@link #answerWaiting} is already running further up the stack. */
    private boolean draining;
    /** An answer said the connection ends, or the client left: whatever still comes is not answered. */
    private boolean closing;

    /** A request waiting its turn, with only what answering it needs, so that Netty's buffers can go at once. */
    private record Call(Supplier<Reply> handling, boolean keepAlive, boolean http10) {
    }

    ConnectionHandler(MessagesHandler messages) {
        this.messages = messages;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (closing) {
            return;
        }
        waiting.add(call(request));
        answerWaiting(ctx);
        if (!waiting.isEmpty()) {
            // A client pipelining faster than the fake answers: read no more until it has caught up.
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly a client that went away mid-request; the fake has nobody to tell.
        ctx.close();
    }

    private Call call(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return request.decoderResult().cause() instanceof TooLongHttpContentException
                    ? refusal(413, "The request body is larger than " + GraphHttpServer.MAX_BODY_BYTES + " bytes.")
                    : refusal(400, "The request is not valid HTTP.");
        }
        String path = path(request.uri());
        if (path == null) {
            return refusal(400, "The request target is not a path.");
        }
        String method = request.method().name();
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        byte[] body = ByteBufUtil.getBytes(request.content());
        return new Call(() -> messages.answer(method, path, authorization, body), HttpUtil.isKeepAlive(request),
                request.protocolVersion().equals(HttpVersion.HTTP_1_0));
    }

    /**
     * Percent-decoded, as the JDK server handed it over, so that the fake's path check means what it meant; null for
     * a target that is not a URI or has no path.
     */
    private static String path(String target) {
        try {
            return new URI(target).getPath();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** After a request it cannot read, a connection cannot find where the next one starts: it is closed. */
    private static Call refusal(int status, String message) {
        GraphResponse response = GraphErrors.unreadable(status, message);
        return new Call(() -> new Reply.Ready(response), false, false);
    }

    private void answerWaiting(ChannelHandlerContext ctx) {
        if (draining) {
            return;
        }
        draining = true;
        try {
            Call call;
            while (!answering && !closing && (call = waiting.poll()) != null) {
                answering = true;
                proceed(ctx, call, call.handling());
            }
        } finally {
            draining = false;
        }
        if (waiting.isEmpty() && !closing && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void proceed(ChannelHandlerContext ctx, Call call, Supplier<Reply> handling) {
        Reply reply;
        try {
            reply = handling.get();
        } catch (RuntimeException e) {
            // A fault of the fake itself: the client sees the connection close, and the log says why.
            ctx.fireExceptionCaught(e);
            ctx.close();
            return;
        }
        switch (reply) {
            case Reply.Ready ready -> respond(ctx, call, ready.response());
            case Reply.Later later -> ctx.executor().schedule(() -> proceed(ctx, call, later.rest()),
                    later.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void respond(ChannelHandlerContext ctx, Call call, GraphResponse response) {
        answering = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        byte[] json = response.json().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(json));
        HttpHeaders headers = out.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, JSON_UTF8);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        // Meta sends one, and so did the JDK server.
        headers.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        if (response.retryAfter() != null) {
            headers.set(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds(response.retryAfter())));
        }
        if (!call.keepAlive()) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            closing = true;
            waiting.clear();
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (call.http10()) {
            // An HTTP/1.0 client takes the connection for closed unless told otherwise.
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.writeAndFlush(out, ctx.voidPromise());
        answerWaiting(ctx);
    }

    /** {@code Retry-After} counts whole seconds: rounded up, so that a client never comes back too early. */
    private static long seconds(Duration duration) {
        long whole = duration.toSeconds();
        return duration.toNanosPart() > 0 ? whole + 1 : whole;
    }
}
