package com.sendline.fakes.graphapi;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake's HTTP/1.1 server on 127.0.0.1: Netty, on event-loop threads of its own. Two at most: the fake shares a
 * 2-core machine with the code under test, and answering takes microseconds, since waits are scheduled, not slept.
 */
final class GraphHttpServer implements AutoCloseable {
    /** Meta's messages are small; a body this large is a client's mistake, not a message. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** A load test opens many connections at once; a short accept queue would refuse some of them. */
    private static final int ACCEPT_BACKLOG = 1_024;
    private static final int EVENT_LOOPS = Math.min(2, Runtime.getRuntime().availableProcessors());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final EventLoopGroup group;
    private final Channel listener;

    GraphHttpServer(MessagesHandler messages) {
        group = new MultiThreadIoEventLoopGroup(EVENT_LOOPS, GraphHttpServer::thread, NioIoHandler.newFactory());
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                // Each answer goes out whole in one flush: holding its last segment back for an ACK only adds delay.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new BodyAggregator(),
                                new ConnectionHandler(messages));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw bound.cause() instanceof IOException e
                    ? new UncheckedIOException("cannot start the fake Graph API", e)
                    : new IllegalStateException("cannot start the fake Graph API", bound.cause());
        }
        listener = bound.channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Closes every connection and drops every request still waiting, unanswered. No quiet period, and a short
     * bound on the wait: tests close a fake after each case.
     */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Netty's own thread type: its buffer pools and thread-locals take a faster path on it. */
    private static Thread thread(Runnable task) {
        Thread thread = new FastThreadLocalThread(task, "fake-graph-api-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Refuses an oversized body through the connection, in turn, as a request Netty could not decode (the same
     * convention its decoder uses), instead of answering on its own ahead of requests still being answered.
     */
    private static final class BodyAggregator extends HttpObjectAggregator {
        BodyAggregator() {
            super(MAX_BODY_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            DefaultFullHttpRequest refused = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                    Unpooled.EMPTY_BUFFER);
            refused.setDecoderResult(DecoderResult.failure(new TooLongHttpContentException(
                    "body over " + MAX_BODY_BYTES + " bytes")));
            ctx.fireChannelRead(refused);
        }
    }
}
