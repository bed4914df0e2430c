package io.chatspace.realtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A JSON value already encoded, as its UTF-8 bytes (RFC 8259 §8.1), written into a frame
 * as it is: a generator asked for a raw value ({@code JsonGenerator#writeRawValue}, which
 * {@code RawValue} calls) copies the bytes ({@link #appendUnquotedUTF8}) instead of
 * encoding characters again. A message's JSON is encoded once this way and copied into
 * its live event and into every {@code joined} and {@code history} frame that carries it.
 * <p>
 * Only the unquoted forms are meant for use; the quoted ones (a JSON string of this text)
 * and the character forms decode the bytes first.
 */
final class Utf8Json implements SerializableString {

	private final byte[] utf8;

	/**
	 * @param utf8 the value's JSON text in UTF-8; not copied, must not change
	 */
	Utf8Json(byte[] utf8) {
		this.utf8 = utf8;
	}

	/**
	 * @return the number of bytes
	 */
	int length() {
		return utf8.length;
	}

	@Override
	public String getValue() {
		return new String(utf8, StandardCharsets.UTF_8);
	}

	@Override
	public int charLength() {
		return getValue().length();
	}

	@Override
	public byte[] asUnquotedUTF8() {
		return utf8.clone();
	}

	@Override
	public int appendUnquotedUTF8(byte[] buffer, int offset) {
		if (offset + utf8.length > buffer.length) {
			return -1;
		}
		System.arraycopy(utf8, 0, buffer, offset, utf8.length);
		return utf8.length;
	}

	@Override
	public int writeUnquotedUTF8(OutputStream out) throws IOException {
		out.write(utf8);
		return utf8.length;
	}

	@Override
	public int putUnquotedUTF8(ByteBuffer buffer) {
		if (utf8.length > buffer.remaining()) {
			return -1;
		}
		buffer.put(utf8);
		return utf8.length;
	}

	@Override
	public int appendUnquoted(char[] buffer, int offset) {
		return quoted().appendUnquoted(buffer, offset);
	}

	@Override
	public char[] asQuotedChars() {
		return quoted().asQuotedChars();
	}

	@Override
	public byte[] asQuotedUTF8() {
		return quoted().asQuotedUTF8();
	}

	@Override
	public int appendQuotedUTF8(byte[] buffer, int offset) {
		return quoted().appendQuotedUTF8(buffer, offset);
	}

	@Override
	public int appendQuoted(char[] buffer, int offset) {
		return quoted().appendQuoted(buffer, offset);
	}

	@Override
	public int writeQuotedUTF8(OutputStream out) throws IOException {
		return quoted().writeQuotedUTF8(out);
	}

	@Override
	public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
		return quoted().putQuotedUTF8(buffer);
	}

	private SerializedString quoted() {
		return new SerializedString(getValue());
	}

	@Override
	public String toString() {
		return getValue();
	}

}
