package io.chatspace.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.chatspace.support.Api;
import io.chatspace.support.ChatClient;
import io.chatspace.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path data;

	@Test
	void concurrentEditorsConverge() throws Exception {
		try (ServerProcess server = new ServerProcess(data, "--chatspace.rate-limit.enabled=false").start()) {
			Session session = new Session(new Api(server.port()));
			session.editConcurrently(EDITS, 1);
			session.awaitConvergence();
		}
	}

	@Test
	void concurrentEditorsConvergeAcrossAServerCrash() throws Exception {
		try (ServerProcess server = new ServerProcess(data, "--chatspace.rate-limit.enabled=false").start()) {
			Session session = new Session(new Api(server.port()));
			session.editConcurrently(EDITS / 2, 2);
			server.kill();
			session.reconnectAll(server);
			session.editConcurrently(EDITS / 2, 3);
			session.awaitConvergence();
		}
	}

	/** The clients of one room's document. */
	private static final class Session {

		final Api api;

		final String room;

		final List<Editor> editors = new ArrayList<>();

		Session(Api api) {
			this.api = api;
			Api.User owner = api.newUser("doc");
			this.room = api.createRoom(owner, "convergence " + System.nanoTime());
			for (int i = 0; i < CLIENTS; i++) {
				Editor editor = new Editor(i == 0 ? owner : api.newUser("doc"));
				editor.connect(api, room, false);
				editors.add(editor);
			}
		}

		/** Every client edits at once, on its own thread, with random pauses. */
		void editConcurrently(int edits, long seed) throws InterruptedException {
			CountDownLatch done = new CountDownLatch(editors.size());
			Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
			for (int i = 0; i < editors.size(); i++) {
				Editor editor = editors.get(i);
				Random random = new Random(seed * 1000 + i);
				int index = i;
				Thread.ofPlatform().start(() -> {
					try {
						for (int n = 0; n < edits; n++) {
							editor.receive();
							editor.edit(random);
							Thread.sleep(random.nextInt(8));
						}
					}
					catch (Throwable ex) {
						failures.put(index, ex);
					}
					finally {
						done.countDown();
					}
				});
			}
			assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
			assertThat(failures).isEmpty();
		}

		void reconnectAll(ServerProcess server) throws Exception {
			server.start();
			for (Editor editor : editors) {
				editor.connect(api, room, true);
			}
		}

		void awaitConvergence() {
			await().atMost(60, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS).until(() -> {
				for (Editor editor : editors) {
					editor.receive();
				}
				return editors.stream().allMatch(e -> e.ot.synced());
			});
			// a fresh reader sees the server's text: everyone must have exactly that
			Editor reader = new Editor(editors.get(0).user);
			reader.connect(api, room, false);
			long rev = reader.ot.revision;
			await().atMost(30, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS).until(() -> {
				for (Editor editor : editors) {
					editor.receive();
				}
				return editors.stream().allMatch(e -> e.ot.revision == rev);
			});
			for (Editor editor : editors) {
				assertThat(editor.ot.text).as(editor.user.name()).isEqualTo(reader.ot.text);
			}
			// every client's own insertions are all there, none twice
			for (Editor editor : editors) {
				for (String word : editor.inserted) {
					assertThat(countOf(reader.ot.text, word)).as("%s in the document", word).isEqualTo(1);
				}
			}
			assertThat(rev).isGreaterThan(editors.size() * 10L);
		}

		private static int countOf(String text, String word) {
			int count = 0;
			for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
				count++;
			}
			return count;
		}

	}

	/** One user's socket, document state machine and the words it inserted. */
	private static final class Editor {

		final Api.User user;

		final List<String> inserted = new ArrayList<>();

		ChatClient client;

		String room;

		OtClient ot;

		int seen;

		int words;

		Editor(Api.User user) {
			this.user = user;
		}

		void connect(Api api, String room, boolean resume) {
			this.room = room;
			client = api.connect(user);
			client.join(room);
			Map<String, Object> open = new HashMap<>(Map.of("type", "doc.open", "room", room));
			if (resume) {
				open.put("rev", ot.revision);
			}
			client.send(open);
			JsonNode snapshot = client.await("doc.snapshot", f -> true);
			seen = client.frames().indexOf(snapshot) + 1;
			if (!resume) {
				ot = new OtClient(user.name(), snapshot.get("rev").asLong(), snapshot.get("text").asString());
				return;
			}
			boolean acked = false;
			for (JsonNode missed : snapshot.path("ops")) {
				if (ot.outstanding != null && missed.path("opRef").asString("").equals(ot.outstandingRef)
						&& missed.get("user").asString().equals(user.name())) {
					// stored before the crash, its ack lost
					acked = true;
					send(ot.serverAck());
				}
				else {
					ot.applyServer(operation(missed.get("op")));
				}
			}
			if (!acked) {
				send(ot.resend());
			}
		}

		/**
		 * One random edit: mostly a whole word {@code <user.n>} inserted between words
		 * (words are never deleted, so each must end up in the document exactly once),
		 * sometimes a filler {@code ~} inserted or a run of fillers deleted.
		 */
		synchronized void edit(Random random) {
			String text = ot.text;
			TextOperation op;
			int choice = random.nextInt(10);
			int filler = text.indexOf('~', random.nextInt(text.length() + 1));
			if (choice < 2 && filler >= 0) {
				int n = 1;
				while (n < 3 && filler + n < text.length() && text.charAt(filler + n) == '~') {
					n++;
				}
				op = TextOperation.builder().retain(filler).delete(n).retain(text.length() - filler - n).build();
			}
			else {
				int at = wordBoundary(text, random.nextInt(text.length() + 1));
				String insert = "~";
				if (choice >= 4) {
					insert = "<" + user.name() + "." + (++words) + ">";
					inserted.add(insert);
				}
				op = TextOperation.builder().retain(at).insert(insert).retain(text.length() - at).build();
			}
			send(ot.applyClient(op));
		}

		synchronized void receive() {
			List<JsonNode> frames = client.frames();
			while (seen < frames.size()) {
				JsonNode frame = frames.get(seen++);
				switch (frame.get("type").asString()) {
					case "doc.ack" -> send(ot.serverAck());
					case "doc.op" -> ot.applyServer(operation(frame.get("op")));
					case "error" -> throw new AssertionError("the server refused: " + frame);
					default -> {
					}
				}
			}
		}

		private void send(OtClient.Outgoing outgoing) {
			if (outgoing != null && !client.isClosed()) {
				client.send(Map.of("type", "doc.op", "room", room, "rev", outgoing.rev(), "op", outgoing.op().toWire(),
						"ref", outgoing.ref()));
			}
		}

		private static TextOperation operation(JsonNode op) {
			return TextOperation.fromWire(JSON.convertValue(op, Object.class));
		}

		private static int wordBoundary(String text, int at) {
			int open = text.lastIndexOf('<', at - 1);
			int close = text.lastIndexOf('>', at - 1);
			if (open > close) {
				// inside a word: move past its end
				return text.indexOf('>', at) + 1;
			}
			return at;
		}

	}

}
