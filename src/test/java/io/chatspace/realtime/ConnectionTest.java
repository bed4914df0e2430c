package io.chatspace.realtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.chatspace.accounts.Account;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound budget of one socket: bytes handed to the container count until it reports
 * them written; a client that does not read is cut at the budget, and a socket whose
 * writes stall is reported as stalled.
 */
class ConnectionTest {

	private final RecordingTransport transport = new RecordingTransport();

	private final Connection connection = new Connection("s1", transport, new Account(1, "alice"), 100);

	private static byte[] frame(int bytes) {
		return "x".repeat(bytes).getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void bytesCountUntilTheContainerHasWrittenThem() {
		assertThat(connection.send(frame(40))).isTrue();
		assertThat(connection.send(frame(50))).isTrue();
		assertThat(connection.bufferedBytes()).isEqualTo(90);
		transport.complete(1, null);
		assertThat(connection.bufferedBytes()).isEqualTo(50);
		transport.complete(1, null);
		assertThat(connection.bufferedBytes()).isZero();
		// off a fan-out lane every frame is written at once
		assertThat(transport.calls()).containsExactly("text " + "x".repeat(40), "text " + "x".repeat(50));
	}

	@Test
	void aClientThatDoesNotReadIsCutAtTheBudgetAndSentNothingMore() {
		assertThat(connection.send(frame(60))).isTrue();
		assertThat(connection.send(frame(60))).as("over the 100 bytes").isFalse();
		assertThat(connection.isOpen()).isFalse();
		assertThat(transport.aborts).isEqualTo(1);
		assertThat(connection.send(frame(1))).isFalse();
		assertThat(transport.sent).hasSize(1);
		// what was queued before still counts until the container gives it back
		assertThat(connection.bufferedBytes()).isEqualTo(60);
	}

	@Test
	void aSocketIsStalledOnlyWhileBytesWaitWithoutProgress() throws InterruptedException {
		long now = System.nanoTime();
		assertThat(connection.stalledFor(now)).isZero();
		connection.send(frame(10));
		Thread.sleep(20);
		assertThat(connection.stalledFor(System.nanoTime())).isGreaterThanOrEqualTo(20_000_000L);
		transport.complete(1, null);
		assertThat(connection.stalledFor(System.nanoTime())).isZero();
		connection.abortStalled();
		assertThat(connection.isOpen()).isFalse();
		assertThat(transport.aborts).isEqualTo(1);
	}

	@Test
	void aFailedWriteCutsTheConnection() {
		connection.send(frame(10));
		transport.complete(1, new IOException("broken pipe"));
		assertThat(connection.isOpen()).isFalse();
		assertThat(connection.bufferedBytes()).isZero();
		assertThat(transport.aborts).isEqualTo(1);
	}

	@Test
	void aCloseIsQueuedOnceAfterTheFramesBeforeIt() {
		connection.send(frame(5));
		connection.close(CloseStatus.POLICY_VIOLATION.withReason("binary frame"));
		connection.close(CloseStatus.GOING_AWAY);
		assertThat(connection.send(frame(5))).isFalse();
		assertThat(transport.calls()).containsExactly("text xxxxx", "close 1008 binary frame");
	}

}
