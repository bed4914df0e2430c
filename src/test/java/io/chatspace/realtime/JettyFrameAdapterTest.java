package io.chatspace.realtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What {@link JettyFrameAdapter} makes of the frames Jetty's WebSocket core hands it
 * (unit test: Jetty's session and the gateway's handler are stand-ins, the connection is
 * Jetty's in-memory one; GatewayErrorsTest, HandshakeTest and the other gateway tests
 * cover the whole path over real sockets).
 */
class JettyFrameAdapterTest {

	private static final long LIMIT = 16;

	private final WebSocketHandler handler = mock(WebSocketHandler.class);

	private final WebSocketCoreSession core = mock(WebSocketCoreSession.class);

	// takes 32 bytes before a write waits for its output to be taken
	private final ByteArrayEndPoint endPoint = new ByteArrayEndPoint((byte[]) null, 32);

	private final Principal olga = () -> "olga";

	private final JettyFrameAdapter adapter = new JettyFrameAdapter(handler,
			new JettyCoreSession(new HashMap<>(), olga, null));

	@BeforeEach
	void open() throws Exception {
		when(core.getMaxTextMessageSize()).thenReturn(LIMIT);
		when(core.getMaxBinaryMessageSize()).thenReturn(LIMIT);
		when(core.isOutputOpen()).thenReturn(true);
		when(core.getByteBufferPool()).thenReturn(new ArrayByteBufferPool());
		WebSocketConnection connection = mock(WebSocketConnection.class);
		when(connection.getEndPoint()).thenReturn(endPoint);
		when(core.getConnection()).thenReturn(connection);
		FutureCallback opened = new FutureCallback();
		adapter.onOpen(core, opened);
		assertThat(opened.isDone()).isTrue();
		ArgumentCaptor<WebSocketSession> session = ArgumentCaptor.forClass(WebSocketSession.class);
		verify(handler).afterConnectionEstablished(session.capture());
		assertThat(session.getValue().getPrincipal()).isSameAs(olga);
		assertThat(JettyTransport.of(session.getValue())).isInstanceOf(JettyTransport.class);
		verify(core).demand();
	}

	@Test
	void aWholeTextFrameIsOneMessageAndTheNextFrameIsAskedFor() throws Exception {
		FutureCallback done = frame(new Frame(OpCode.TEXT, "{\"type\":\"ping\"}"));

		assertThat(done.isDone()).isTrue();
		assertThat(delivered()).isEqualTo(new TextMessage("{\"type\":\"ping\"}"));
		verify(core, times(2)).demand();
	}

	@Test
	void aMessageInSeveralFramesIsDeliveredOnceWhole() throws Exception {
		byte[] utf8 = "héllo wörld".getBytes(StandardCharsets.UTF_8);
		// split inside the two-byte "é", which only the whole message decodes
		frame(new Frame(OpCode.TEXT, false, ByteBuffer.wrap(utf8, 0, 2)));
		frame(new Frame(OpCode.CONTINUATION, false, ByteBuffer.wrap(utf8, 2, 5)));
		verify(handler, never()).handleMessage(any(), any());

		frame(new Frame(OpCode.CONTINUATION, true, ByteBuffer.wrap(utf8, 7, utf8.length - 7)));

		assertThat(delivered()).isEqualTo(new TextMessage("héllo wörld"));
		verify(core, times(4)).demand();
	}

	@Test
	void framesAddingUpToMoreThanTheLimitFailWithMessageTooLarge() throws Exception {
		frame(new Frame(OpCode.TEXT, false, "0123456789"));
		FutureCallback done = frame(new Frame(OpCode.CONTINUATION, true, "0123456789"));

		// Jetty closes the socket with 1009 for this failure
		assertThat(done.isFailed()).isTrue();
		assertThat(failure(done)).isInstanceOf(MessageTooLargeException.class);
		verify(handler, never()).handleMessage(any(), any());
	}

	@Test
	void aTextMessageThatIsNotUtf8FailsWithBadPayload() throws Exception {
		FutureCallback done = frame(new Frame(OpCode.TEXT, ByteBuffer.wrap(new byte[] { 'a', (byte) 0xC3 })));

		// Jetty closes the socket with 1007 for this failure
		assertThat(failure(done)).isInstanceOf(BadPayloadException.class);
		verify(handler, never()).handleMessage(any(), any());
	}

	@Test
	void aBinaryMessageIsPassedOnForTheGatewayToRefuse() throws Exception {
		frame(new Frame(OpCode.BINARY, false, ByteBuffer.wrap(new byte[] { 1, 2 })));
		frame(new Frame(OpCode.CONTINUATION, true, ByteBuffer.wrap(new byte[] { 3 })));

		assertThat(delivered()).isEqualTo(new BinaryMessage(new byte[] { 1, 2, 3 }));
	}

	@Test
	void aPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
		FutureCallback done = frame(new Frame(OpCode.PING, "are you there"));

		byte[] pong = BufferUtil.toArray(endPoint.takeOutput());
		assertThat(pong[0]).isEqualTo((byte) 0x8A); // FIN, PONG (RFC 6455 §5.5.3)
		assertThat(pong[1]).isEqualTo((byte) 13);
		assertThat(new String(pong, 2, 13, StandardCharsets.UTF_8)).isEqualTo("are you there");
		assertThat(done.isDone()).isTrue();
		verify(core, times(2)).demand();
		verify(handler, never()).handleMessage(any(), any());
	}

	@Test
	void theNextFrameIsReadOnlyOnceThePongIsWritten() throws Exception {
		FutureCallback done = frame(new Frame(OpCode.PING, "a ping whose pong is longer than 32 bytes"));
		assertThat(done.isDone()).isFalse();
		verify(core, times(1)).demand();

		endPoint.takeOutput();

		assertThat(done.isDone()).isTrue();
		verify(core, times(2)).demand();
	}

	@Test
	void jettyAnswersTheCloseFrameOnlyOnceTheWriteInFlightIsDone() throws Exception {
		JettyTransport transport = JettyTransport.of(session());
		transport.sendText("a frame longer than the 32 bytes taken at once".getBytes(StandardCharsets.UTF_8), false,
				(bytes, failure) -> {
				});

		FutureCallback answered = frame(
				new Frame(OpCode.CLOSE).setPayload(new CloseStatus(1000, "bye").asPayloadBuffer()));
		// the handler heard of it at once; Jetty's close frame waits
		verify(handler).afterConnectionClosed(any(), eq(new org.springframework.web.socket.CloseStatus(1000, "bye")));
		assertThat(answered.isDone()).isFalse();

		endPoint.takeOutput();

		assertThat(answered.isDone()).isTrue();
	}

	@Test
	void aFailedFrameLetsJettyCloseOnlyOnceTheWriteInFlightIsDone() throws Exception {
		JettyTransport.of(session())
			.sendText("a frame longer than the 32 bytes taken at once".getBytes(StandardCharsets.UTF_8), false,
					(bytes, failure) -> {
					});

		FutureCallback done = frame(new Frame(OpCode.TEXT, ByteBuffer.wrap(new byte[] { 'a', (byte) 0xC3 })));
		assertThat(done.isDone()).isFalse();

		endPoint.takeOutput();

		// Jetty closes the socket with 1007 for this failure
		assertThat(failure(done)).isInstanceOf(BadPayloadException.class);
	}

	private WebSocketSession session() throws Exception {
		ArgumentCaptor<WebSocketSession> session = ArgumentCaptor.forClass(WebSocketSession.class);
		verify(handler).afterConnectionEstablished(session.capture());
		return session.getValue();
	}

	@Test
	void aPongReachesTheHandlerForItsHeartbeats() throws Exception {
		frame(new Frame(OpCode.PONG, "beat"));

		assertThat(delivered()).isInstanceOf(PongMessage.class);
	}

	@Test
	void theHandlerHearsOfTheCloseOnceWithItsCodeAndReason() throws Exception {
		frame(new Frame(OpCode.CLOSE).setPayload(new CloseStatus(4001, "bye").asPayloadBuffer()));
		FutureCallback closed = new FutureCallback();
		adapter.onClosed(new CloseStatus(4001, "bye"), closed);

		assertThat(closed.isDone()).isTrue();
		verify(handler).afterConnectionClosed(any(), eq(new org.springframework.web.socket.CloseStatus(4001, "bye")));
	}

	@Test
	void aConnectionThatEndsWithoutACloseFrameIsAnAbnormalClose() throws Exception {
		adapter.onClosed(new CloseStatus(CloseStatus.NO_CLOSE, "disconnected"), new FutureCallback());

		verify(handler).afterConnectionClosed(any(),
				eq(new org.springframework.web.socket.CloseStatus(1006, "disconnected")));
	}

	private FutureCallback frame(Frame frame) {
		FutureCallback done = new FutureCallback();
		adapter.onFrame(frame, done);
		return done;
	}

	private WebSocketMessage<?> delivered() throws Exception {
		ArgumentCaptor<WebSocketMessage<?>> message = ArgumentCaptor.forClass(WebSocketMessage.class);
		verify(handler).handleMessage(any(), message.capture());
		return message.getValue();
	}

	private static Throwable failure(FutureCallback done) {
		try {
			done.get();
			return null;
		}
		catch (Exception ex) {
			return ex.getCause();
		}
	}

}
