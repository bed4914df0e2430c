package io.chatspace.realtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The bytes {@link JettyTransport} writes to a connection (RFC 6455 §5.2 frames), when it
 * writes them, and how it hands the close handshake to Jetty (unit test: the connection
 * is Jetty's in-memory {@link ByteArrayEndPoint}, which holds a write in flight until its
 * output is taken; Jetty's session is a stand-in; the gateway tests cover the whole path
 * over real sockets).
 */
class JettyTransportTest {

	private final CoreSession session = mock(CoreSession.class);

	private final List<String> outcomes = new ArrayList<>();

	private final Transport.Written written = (bytes, failure) -> outcomes
		.add(failure == null ? "written " + bytes : "failed " + bytes);

	JettyTransportTest() {
		when(session.isOutputOpen()).thenReturn(true);
	}

	/** An in-memory connection that counts the writes it is asked to make. */
	private static final class MemoryConnection extends ByteArrayEndPoint {

		final AtomicInteger flushes = new AtomicInteger();

		/**
		 * @param capacity the most bytes it takes before a write waits for
		 * {@link #takeOutput()}
		 * @param growable whether it takes every byte at once
		 */
		MemoryConnection(int capacity, boolean growable) {
			super((byte[]) null, capacity, growable);
		}

		@Override
		public boolean flush(ByteBuffer... buffers) throws IOException {
			flushes.incrementAndGet();
			return super.flush(buffers);
		}

	}

	private static MemoryConnection roomy() {
		return new MemoryConnection(1 << 20, true);
	}

	private JettyTransport transport(MemoryConnection connection) {
		return new JettyTransport(session, connection, new ArrayByteBufferPool());
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] frame(int finOpCode, byte[] header, byte[] payload) {
		byte[] frame = new byte[1 + header.length + payload.length];
		frame[0] = (byte) finOpCode;
		System.arraycopy(header, 0, frame, 1, header.length);
		System.arraycopy(payload, 0, frame, 1 + header.length, payload.length);
		return frame;
	}

	private static byte[] text(String payload) {
		byte[] bytes = utf8(payload);
		return frame(0x81, new byte[] { (byte) bytes.length }, bytes);
	}

	private static byte[] concat(byte[]... parts) {
		ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
		for (byte[] part : parts) {
			all.put(part);
		}
		return all.array();
	}

	private static byte[] taken(MemoryConnection connection) {
		return BufferUtil.toArray(connection.takeOutput());
	}

	@Test
	void aFrameSentWithoutBatchIsWrittenAtOnceAsAnUnmaskedFinalTextFrame() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);

		transport.sendText(utf8("héllo"), false, written);

		assertThat(taken(connection)).isEqualTo(text("héllo"));
		assertThat(outcomes).containsExactly("written 6");
	}

	@Test
	void payloadLengthsTakeTheirThreeEncodings() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);
		byte[] small = new byte[125];
		byte[] medium = new byte[126];
		byte[] large = new byte[65_536];
		Arrays.fill(large, (byte) 'x');

		transport.sendText(small, false, written);
		transport.sendText(medium, false, written);
		transport.sendText(large, false, written);

		assertThat(taken(connection)).isEqualTo(
				concat(frame(0x81, new byte[] { 125 }, small), frame(0x81, new byte[] { 126, 0, (byte) 126 }, medium),
						frame(0x81, new byte[] { 127, 0, 0, 0, 0, 0, 1, 0, 0 }, large)));
		assertThat(JettyTransport.headerLength(125)).isEqualTo(2);
		assertThat(JettyTransport.headerLength(65_535)).isEqualTo(4);
		assertThat(JettyTransport.headerLength(65_536)).isEqualTo(10);
	}

	@Test
	void batchedFramesWaitForTheFlushAndLeaveInOneWrite() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);

		transport.sendText(utf8("one"), true, written);
		transport.sendText(utf8("two"), true, written);
		transport.sendText(utf8("three"), true, written);
		assertThat(taken(connection)).isEmpty();
		assertThat(outcomes).isEmpty();

		transport.flush();

		assertThat(taken(connection)).isEqualTo(concat(text("one"), text("two"), text("three")));
		assertThat(connection.flushes).hasValue(1);
		assertThat(outcomes).containsExactly("written 3", "written 3", "written 5");
	}

	@Test
	void aFrameSentWithoutBatchTakesTheBatchedOnesBeforeItAlong() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);

		transport.sendText(utf8("first"), true, written);
		transport.sendPing(written);

		assertThat(taken(connection)).isEqualTo(concat(text("first"), new byte[] { (byte) 0x89, 0 }));
		assertThat(connection.flushes).hasValue(1);
		assertThat(outcomes).containsExactly("written 5", "written 0");
	}

	@Test
	void framesQueuedWhileAWriteIsInFlightFollowItInOrder() {
		// takes 8 bytes at a time: the first write stays in flight
		MemoryConnection connection = new MemoryConnection(8, false);
		JettyTransport transport = transport(connection);

		transport.sendText(utf8("a long first frame"), false, written);
		transport.sendText(utf8("second"), false, written);
		transport.sendText(utf8("third"), false, written);
		assertThat(outcomes).isEmpty();

		ByteBuffer all = ByteBuffer.allocate(64);
		while (outcomes.size() < 3) {
			all.put(connection.takeOutput());
		}
		all.put(connection.takeOutput());

		assertThat(Arrays.copyOf(all.array(), all.position()))
			.isEqualTo(concat(text("a long first frame"), text("second"), text("third")));
		assertThat(outcomes).containsExactly("written 18", "written 6", "written 5");
	}

	@Test
	void oneWriteGathersAtMostMaxWriteBytes() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);
		byte[] payload = new byte[1000];
		// 1 000 bytes and a 4-byte header each: three writes
		int frames = 2 * JettyTransport.MAX_WRITE / 1004 + 1;

		for (int i = 0; i < frames; i++) {
			transport.sendText(payload, true, written);
		}
		transport.flush();

		assertThat(connection.takeOutput().remaining()).isEqualTo(frames * 1004);
		assertThat(connection.flushes).hasValue(3);
		assertThat(outcomes).hasSize(frames).allMatch("written 1000"::equals);
	}

	@Test
	void theCloseIsHandedToJettyOnlyAfterTheFramesQueuedBeforeIt() {
		MemoryConnection connection = new MemoryConnection(4, false);
		JettyTransport transport = transport(connection);

		transport.sendText(utf8("error frame"), false, written);
		transport.close(1008, "too many malformed frames");
		verify(session, never()).close(anyInt(), anyString(), any());

		while (outcomes.isEmpty()) {
			connection.takeOutput();
		}

		verify(session).close(eq(1008), eq("too many malformed frames"), any());
		transport.sendText(utf8("late"), false, written);
		assertThat(outcomes).containsExactly("written 11", "failed 4");
	}

	@Test
	void stopLetsTheWriteInFlightFinishDropsTheRestAndThenRuns() {
		MemoryConnection connection = new MemoryConnection(4, false);
		JettyTransport transport = transport(connection);
		AtomicBoolean ran = new AtomicBoolean();

		transport.sendText(utf8("in flight"), false, written);
		transport.sendText(utf8("queued"), false, written);
		transport.stop(() -> ran.set(true));

		assertThat(ran).isFalse();
		assertThat(outcomes).containsExactly("failed 6");
		ByteBuffer all = ByteBuffer.allocate(64);
		while (!ran.get()) {
			all.put(connection.takeOutput());
		}
		all.put(connection.takeOutput());

		assertThat(Arrays.copyOf(all.array(), all.position())).isEqualTo(text("in flight"));
		assertThat(outcomes).containsExactly("failed 6", "written 9");
	}

	@Test
	void stopWithNothingInFlightRunsAtOnce() {
		JettyTransport transport = transport(roomy());
		AtomicBoolean ran = new AtomicBoolean();

		transport.stop(() -> ran.set(true));

		assertThat(ran).isTrue();
	}

	@Test
	void aFailedWriteFailsItsFramesAndEveryLaterOne() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);
		connection.close();

		transport.sendText(utf8("lost"), false, written);
		transport.sendText(utf8("after"), false, written);

		assertThat(outcomes).containsExactly("failed 4", "failed 5");
	}

	@Test
	void nothingIsWrittenOnceJettyHasClosedTheOutput() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);
		when(session.isOutputOpen()).thenReturn(false);

		transport.sendText(utf8("late"), false, written);

		assertThat(taken(connection)).isEmpty();
		assertThat(outcomes).containsExactly("failed 4");
	}

	@Test
	void abortDropsWhatIsQueuedAndAbortsTheSession() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);
		transport.sendText(utf8("queued"), true, written);

		transport.abort();

		verify(session).abort();
		assertThat(outcomes).containsExactly("failed 6");
		assertThat(taken(connection)).isEmpty();
	}

	@Test
	void aPongFrameCarriesItsPayload() {
		MemoryConnection connection = roomy();
		JettyTransport transport = transport(connection);

		transport.send(OpCode.PONG, utf8("beat"), false, written);

		assertThat(taken(connection)).isEqualTo(frame(0x8A, new byte[] { 4 }, utf8("beat")));
	}

}
