package io.chatspace.editor;

import java.nio.file.Path;
import java.util.List;

import io.chatspace.support.Api;
import io.chatspace.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convergence through the real server: several WebSocket clients, each running the ot.js
 * client state machine, make hundreds of random concurrent edits with random delays; in
 * the end every client's text equals the server's. Once more with the server killed
 * (SIGKILL) and restarted in the middle: clients reconnect, catch up from their revision,
 * resend what was not acknowledged, and still converge without losing or doubling an
 * edit.
 */
class DocumentConvergenceTest {

	private static final int CLIENTS = 5;

	private static final int EDITS = 120;

	@TempDir
	Path data;

	@Test
	void concurrentEditorsConverge() throws Exception {
		try (ServerProcess server = new ServerProcess(data, "--chatspace.rate-limit.enabled=false").start()) {
			EditSession session = new EditSession(List.of(new Api(server.port())), CLIENTS);
			session.editConcurrently(EDITS, 1);
			session.awaitConvergence();
		}
	}

	@Test
	void concurrentEditorsConvergeAcrossAServerCrash() throws Exception {
		try (ServerProcess server = new ServerProcess(data, "--chatspace.rate-limit.enabled=false").start()) {
			EditSession session = new EditSession(List.of(new Api(server.port())), CLIENTS);
			session.editConcurrently(EDITS / 2, 2);
			server.kill();
			server.start();
			session.reconnectAll(null);
			session.editConcurrently(EDITS / 2, 3);
			session.awaitConvergence();
		}
	}

}
