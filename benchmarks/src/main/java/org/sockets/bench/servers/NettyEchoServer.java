package org.sockets.bench.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * The Netty 4.2 epoll echo server for the ping-pong comparison: one event loop (the other
 * servers serve one connection on one thread too), TCP_NODELAY, pooled direct buffers (Netty's
 * defaults), and the textbook handler that writes back what it read.
 */
public final class NettyEchoServer {

    private NettyEchoServer() {
    }

    /** Writes back every buffer it reads; Netty releases it after the write. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write((ByteBuf) msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Binds and serves until the process ends.
     *
     * @param host the loopback address to bind
     * @param portSink told the bound port once listening
     * @throws Exception if native epoll is unavailable or binding fails
     */
    public static void run(String host, java.util.function.IntConsumer portSink) throws Exception {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("Netty native epoll is unavailable", Epoll.unavailabilityCause());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, org.sockets.bench.Patterns.BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new Echo())
                    .bind(new InetSocketAddress(host, 0)).sync().channel();
            portSink.accept(((InetSocketAddress) ch.localAddress()).getPort());
            ch.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
