package io.chatspace.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.GlobalEventExecutor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline: a bare Netty WebSocket broadcast server that answers the frames the load
 * generator sends ({@code join}, {@code send}, {@code leave}, {@code ping}) with the frames
 * of {@code docs/protocol.md} ({@code joined}, {@code ack}, {@code message}, …), but with no
 * authentication, no storage and no history: each {@code send} is decoded with Jackson, its
 * {@code message} event encoded once into one buffer, and that buffer written (shared,
 * reference-counted) to every socket of the room. It is this machine's limit for the work.
 * <p>
 * {@code java -cp chatspace-bench.jar io.chatspace.bench.BaselineServer PORT [THREADS]};
 * runs until killed.
 */
public final class BaselineServer {

	private BaselineServer() {
	}

	/**
	 * @param args the port (default 9090) and the event-loop threads (default: twice the cores, as Netty's)
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 9090;
		// Netty's default: twice the cores
		int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2 * NettyRuntime.availableProcessors();
		IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerSocketChannel> type = Epoll.isAvailable() ? EpollServerSocketChannel.class
				: NioServerSocketChannel.class;
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, io);
		BroadcastHandler handler = new BroadcastHandler();
		var config = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath("/ws")
			.checkStartsWith(true)
			.maxFramePayloadLength(64 * 1024)
			.build();
		try {
			Channel server = new ServerBootstrap().group(boss, workers)
				.channel(type)
				.option(ChannelOption.SO_BACKLOG, 1024)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						ch.pipeline()
							.addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
									new WebSocketServerProtocolHandler(config), handler);
					}
				})
				.bind("127.0.0.1", port)
				.sync()
				.channel();
			System.out.println("baseline listening on 127.0.0.1:" + port + " (" + (Epoll.isAvailable() ? "epoll" : "nio")
					+ ", " + threads + " threads)");
			server.closeFuture().sync();
		}
		finally {
			boss.shutdownGracefully();
			workers.shutdownGracefully();
		}
	}

	/** One instance for every socket: rooms are channel groups. */
	@ChannelHandler.Sharable
	static final class BroadcastHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

		private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
			.withZone(ZoneOffset.UTC);

		private final JsonMapper json = JsonMapper.builder().build();

		private final Map<String, ChannelGroup> rooms = new ConcurrentHashMap<>();

		private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() << 22);

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
			if (!(frame instanceof TextWebSocketFrame)) {
				ctx.close();
				return;
			}
			Map<?, ?> in = json.readValue((java.io.InputStream) new ByteBufInputStream(frame.content()), Map.class);
			Object ref = in.get("ref");
			Object room = in.get("room");
			Channel ch = ctx.channel();
			switch (String.valueOf(in.get("type"))) {
				case "join" -> {
					rooms.computeIfAbsent(String.valueOf(room), r -> new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
						.add(ch);
					Map<String, Object> joined = reply("joined", ref);
					joined.put("room", room);
					joined.put("messages", java.util.List.of());
					joined.put("more", false);
					joined.put("online", java.util.List.of());
					send(ch, joined);
				}
				case "leave" -> {
					ChannelGroup group = rooms.get(String.valueOf(room));
					if (group != null) {
						group.remove(ch);
					}
					Map<String, Object> left = reply("left", ref);
					left.put("room", room);
					send(ch, left);
				}
				case "send" -> {
					ChannelGroup group = rooms.get(String.valueOf(room));
					if (group == null || !group.contains(ch)) {
						Map<String, Object> error = reply("error", ref);
						error.put("code", "not_joined");
						error.put("message", "join first");
						send(ch, error);
						return;
					}
					String id = Long.toString(ids.incrementAndGet());
					String slug = String.valueOf(room);
					var message = new Event("message", slug, new Message(id, slug, "anonymous",
							String.valueOf(in.get("body")).strip(), SENT_AT.format(Instant.now())));
					Map<String, Object> ack = reply("ack", ref);
					ack.put("room", room);
					ack.put("id", id);
					send(ch, ack);
					// encoded once; every socket gets a retained duplicate of the one buffer (no per-write
					// future: the void promise), flushed at once
					TextWebSocketFrame shared = new TextWebSocketFrame(
							Unpooled.wrappedBuffer(json.writeValueAsBytes(message)));
					for (Channel member : group) {
						member.writeAndFlush(shared.retainedDuplicate(), member.voidPromise());
					}
					shared.release();
				}
				case "ping" -> send(ch, reply("pong", ref));
				default -> {
					Map<String, Object> error = reply("error", ref);
					error.put("code", "unknown_type");
					error.put("message", "unknown frame type");
					send(ch, error);
				}
			}
		}

		private static Map<String, Object> reply(String type, Object ref) {
			Map<String, Object> frame = new LinkedHashMap<>();
			frame.put("type", type);
			if (ref != null) {
				frame.put("ref", ref);
			}
			return frame;
		}

		private void send(Channel ch, Map<String, Object> frame) {
			ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(json.writeValueAsBytes(frame))));
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

	/** The {@code message} event, fields in the order ChatSpace writes them. */
	record Event(String type, String room, Message message) {
	}

	/** A message as on the wire ({@code docs/protocol.md}). */
	record Message(String id, String room, String author, String body, String sentAt) {
	}

}
