package io.chatspace.bench;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Byte-level reading of the few server frames the load generator needs, without a JSON
 * parser, so that the client spends as little of the shared CPU as it can. It relies on what
 * {@code docs/protocol.md} fixes (field names, ids as decimal strings) and on the bodies the
 * generator itself sends ({@code p<phase>.<publisher>.<seq>.<nanos>}, plain ASCII).
 */
final class FrameScan {

	static final byte[] TYPE = ascii("{\"type\":\"");

	static final byte[] BODY = ascii("\"body\":\"");

	static final byte[] MESSAGE_ID = ascii("{\"id\":\"");

	static final byte[] REF = ascii("\"ref\":\"");

	static final byte[] MORE_TRUE = ascii("\"more\":true");

	private FrameScan() {
	}

	static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

	/** @return the first letter of the frame's type ({@code m}essage, {@code a}ck, …) or 0 */
	static byte typeInitial(ByteBuf buf) {
		int at = buf.readerIndex();
		if (buf.readableBytes() > TYPE.length && startsWith(buf, at, TYPE)) {
			return buf.getByte(at + TYPE.length);
		}
		int found = indexAfter(buf, TYPE, at);
		return found < 0 ? 0 : buf.getByte(found);
	}

	static boolean startsWith(ByteBuf buf, int at, byte[] pattern) {
		if (at + pattern.length > buf.writerIndex()) {
			return false;
		}
		for (int i = 0; i < pattern.length; i++) {
			if (buf.getByte(at + i) != pattern[i]) {
				return false;
			}
		}
		return true;
	}

	/** @return the index just after the next occurrence of {@code pattern} at or after {@code from}, or -1 */
	static int indexAfter(ByteBuf buf, byte[] pattern, int from) {
		int end = buf.writerIndex() - pattern.length;
		byte first = pattern[0];
		int i = from;
		while (i <= end) {
			// Netty's search for one byte reads eight at a time (SWAR), not byte by byte
			i = buf.indexOf(i, end + 1, first);
			if (i < 0) {
				return -1;
			}
			if (startsWith(buf, i, pattern)) {
				return i + pattern.length;
			}
			i++;
		}
		return -1;
	}

	/** @return the non-negative decimal number at {@code at}, or -1 if there is no digit there */
	static long parseLong(ByteBuf buf, int at) {
		long value = 0;
		int i = at;
		int end = buf.writerIndex();
		while (i < end) {
			byte b = buf.getByte(i);
			if (b < '0' || b > '9') {
				break;
			}
			value = value * 10 + (b - '0');
			i++;
		}
		return i == at ? -1 : value;
	}

	/** @return the index of the first byte at or after {@code at} that is not a decimal digit */
	static int skipDigits(ByteBuf buf, int at) {
		int i = at;
		int end = buf.writerIndex();
		while (i < end) {
			byte b = buf.getByte(i);
			if (b < '0' || b > '9') {
				break;
			}
			i++;
		}
		return i;
	}

	/**
	 * A body the generator sent: {@code p<phase>.<publisher>.<seq>.<nanos>}.
	 * @param at the index of the body's first character
	 * @param out receives phase, publisher, seq and send time (nanoTime)
	 * @return whether the body is one of ours
	 */
	static boolean parseBody(ByteBuf buf, int at, long[] out) {
		if (at < 0 || at >= buf.writerIndex() || buf.getByte(at) != 'p') {
			return false;
		}
		int i = at + 1;
		for (int field = 0; field < 4; field++) {
			long v = parseLong(buf, i);
			if (v < 0) {
				return false;
			}
			out[field] = v;
			i = skipDigits(buf, i);
			if (field < 3) {
				if (i >= buf.writerIndex() || buf.getByte(i) != '.') {
					return false;
				}
				i++;
			}
		}
		return true;
	}

}
