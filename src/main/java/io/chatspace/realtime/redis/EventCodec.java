package io.chatspace.realtime.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.chatspace.realtime.RoomEvent;

/**
 * A {@link RoomEvent} as the bytes of one Redis message: a small header (version, message
 * id, the nullable strings and the origin frame) followed by the frame's bytes as they go
 * to the sockets. Encoded once by the publishing node, decoded once by each subscribed
 * node.
 */
final class EventCodec {

	static final byte VERSION = 1;

	/** The first byte of an announcement of ids about to be committed. */
	static final byte ANNOUNCEMENT = 2;

	private EventCodec() {
	}

	static byte[] encode(RoomEvent event) {
		byte[] except = bytes(event.exceptUser());
		byte[] origin = bytes(event.originSocket());
		byte[] revokes = bytes(event.revokes());
		byte[] originFrame = event.originFrame();
		int size = 1 + 8 + 3 * 4 + length(except) + length(origin) + length(revokes) + 4 + length(originFrame)
				+ event.frame().length;
		ByteBuffer out = ByteBuffer.allocate(size);
		out.put(VERSION).putLong(event.messageId());
		put(out, except);
		put(out, origin);
		put(out, revokes);
		put(out, originFrame);
		out.put(event.frame());
		return out.array();
	}

	static RoomEvent decode(String topic, ByteBuffer in) {
		byte version = in.get();
		if (version != VERSION) {
			throw new IllegalArgumentException("unknown event version " + version);
		}
		long messageId = in.getLong();
		String except = string(in);
		String origin = string(in);
		String revokes = string(in);
		byte[] originFrame = array(in);
		byte[] frame = new byte[in.remaining()];
		in.get(frame);
		return new RoomEvent(topic, messageId, except, origin, frame, originFrame, revokes);
	}

	static byte[] announcement(long[] ids) {
		ByteBuffer out = ByteBuffer.allocate(1 + 4 + 8 * ids.length).put(ANNOUNCEMENT).putInt(ids.length);
		for (long id : ids) {
			out.putLong(id);
		}
		return out.array();
	}

	static boolean isAnnouncement(ByteBuffer in) {
		return in.get(in.position()) == ANNOUNCEMENT;
	}

	static long[] announced(ByteBuffer in) {
		in.get();
		long[] ids = new long[in.getInt()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = in.getLong();
		}
		return ids;
	}

	private static byte[] bytes(String s) {
		return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
	}

	private static int length(byte[] b) {
		return b == null ? 0 : b.length;
	}

	private static void put(ByteBuffer out, byte[] b) {
		out.putInt(b == null ? -1 : b.length);
		if (b != null) {
			out.put(b);
		}
	}

	private static byte[] array(ByteBuffer in) {
		int length = in.getInt();
		if (length < 0) {
			return null;
		}
		byte[] b = new byte[length];
		in.get(b);
		return b;
	}

	private static String string(ByteBuffer in) {
		byte[] b = array(in);
		return b == null ? null : new String(b, StandardCharsets.UTF_8);
	}

}
