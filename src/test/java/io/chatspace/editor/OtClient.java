package io.chatspace.editor;

/**
 * The client side of server-authoritative OT, as static/js/ot.js's {@code Client} (the
 * ot.js client): synchronized, awaiting an ack for one operation, or awaiting with a
 * buffer of later local edits composed together. Used by tests to drive the real server
 * like a browser does.
 */
final class OtClient {

	long revision;

	String text;

	TextOperation outstanding;

	String outstandingRef;

	TextOperation buffer;

	private int refs;

	private final String name;

	OtClient(String name, long revision, String text) {
		this.name = name;
		this.revision = revision;
		this.text = text;
	}

	/** A local edit: applies it and returns the operation to send now, or null. */
	Outgoing applyClient(TextOperation op) {
		text = op.apply(text);
		if (outstanding == null) {
			outstanding = op;
			return outgoing();
		}
		buffer = buffer == null ? op : buffer.compose(op);
		return null;
	}

	/** An operation of someone else at the server's next revision. */
	void applyServer(TextOperation op) {
		revision++;
		TextOperation incoming = op;
		if (outstanding != null) {
			TextOperation[] pair = TextOperation.transform(outstanding, incoming);
			outstanding = pair[0];
			incoming = pair[1];
			if (buffer != null) {
				pair = TextOperation.transform(buffer, incoming);
				buffer = pair[0];
				incoming = pair[1];
			}
		}
		text = incoming.apply(text);
	}

	/**
	 * The server stored our outstanding operation: returns the buffered one to send, or
	 * null.
	 */
	Outgoing serverAck() {
		revision++;
		outstanding = buffer;
		buffer = null;
		return outstanding == null ? null : outgoing();
	}

	/** After a reconnect: the outstanding operation again, same ref. */
	Outgoing resend() {
		return outstanding == null ? null : new Outgoing(revision, outstanding, outstandingRef);
	}

	boolean synced() {
		return outstanding == null && buffer == null;
	}

	private Outgoing outgoing() {
		outstandingRef = name + "-" + (++refs);
		return new Outgoing(revision, outstanding, outstandingRef);
	}

	record Outgoing(long rev, TextOperation op, String ref) {
	}

}
