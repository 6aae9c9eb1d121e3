package io.netharness.toxiproxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.DateFormatter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Hands each aggregated HTTP request to the {@link ApiRouter} and writes its answer.
 *
 * <p>Runs on the API's own event loop, which carries API connections only: the router binds and unbinds sockets and
 * waits for links to close, which blocks that loop but never one of the proxies' loops, whose tasks it waits for.
 * Handling a request where it was read saves two thread hand-overs (to an executor and back for the write): about
 * 0.1 ms a request on a two-vCPU machine. Requests are handled one at a time, as they were on a one-thread executor.
 * Sharable: it holds no per-connection state.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final System.Logger LOG = System.getLogger(HttpApiHandler.class.getName());

    private static final String REQUEST_ID = "X-Toxiproxy-Request-Id";

    private final ApiRouter router;

    public HttpApiHandler(ApiRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ApiTimeouts timeouts = ctx.pipeline().get(ApiTimeouts.class);
        if (request.decoderResult().isFailure()) {
            write(ctx, false, ApiResponse.text(400, "400 Bad Request\n"), timeouts);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        String body = request.content().toString(StandardCharsets.UTF_8);
        ApiResponse response = router.handle(request.method().name(), path, body,
                request.headers().get(HttpHeaderNames.USER_AGENT));
        write(ctx, HttpUtil.isKeepAlive(request), response, timeouts);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse answer, ApiTimeouts timeouts) {
        ByteBuf content = answer.body().isEmpty() ? Unpooled.EMPTY_BUFFER
                : Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), content);
        if (answer.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        if (answer.status() != 204) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        if (answer.routed()) {
            // Toxiproxy's request-id middleware runs for matched routes only (mux answers 404 and 405 itself).
            response.headers().set(REQUEST_ID, RequestIds.next());
        }
        response.headers().set(NetHarnessVersion.HEADER, NetHarnessVersion.get());
        response.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response).addListener(f -> {
                if (timeouts != null) {
                    timeouts.responded();
                }
            });
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "API connection " + ctx.channel().remoteAddress() + " failed", cause);
        ctx.close();
    }
}
