package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} that records what it is asked and completes writes only when told
 * ({@link #complete}), as a socket whose kernel buffer is full would.
 */
final class RecordingTransport implements Transport {

	record Sent(byte[] utf8, boolean batch, Written written, String thread) {
	}

	final List<Sent> sent = new ArrayList<>();

	final List<String> calls = new ArrayList<>();

	int aborts;

	@Override
	public synchronized void sendText(byte[] utf8, boolean batch, Written written) {
		sent.add(new Sent(utf8, batch, written, Thread.currentThread().getName()));
		calls.add((batch ? "batch " : "text ") + new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
	}

	@Override
	public synchronized void flush() {
		calls.add("flush");
	}

	@Override
	public synchronized void sendPing(Written written) {
		calls.add("ping");
	}

	@Override
	public synchronized void close(int code, String reason) {
		calls.add("close " + code + " " + reason);
	}

	@Override
	public synchronized void abort() {
		aborts++;
		calls.add("abort");
	}

	/** Reports the first {@code n} frames not yet completed as written. */
	synchronized void complete(int n, Throwable failure) {
		for (int i = 0; i < n; i++) {
			Sent s = sent.removeFirst();
			s.written().done(s.utf8().length, failure);
		}
	}

	synchronized List<String> calls() {
		return List.copyOf(calls);
	}

}
