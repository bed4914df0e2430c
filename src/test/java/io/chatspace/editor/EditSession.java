package io.chatspace.editor;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several WebSocket clients editing one room's document through real servers, each
 * running the ot.js client state machine ({@link OtClient}): random concurrent edits with
 * random delays, reconnects that catch up from the client's revision and resend what was
 * not acknowledged, and the check that everyone converged on the server's text with every
 * inserted word exactly once. The clients may be spread over several nodes.
 */
public final class EditSession {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final List<Api> apis;

	final Api api;

	final String room;

	final List<Editor> editors = new ArrayList<>();

	/**
	 * Creates a room and connects the editors, client {@code i} to {@code apis[i % n]}.
	 * @param apis the nodes to connect to
	 * @param clients how many editors
	 */
	public EditSession(List<Api> apis, int clients) {
		this.apis = apis;
		this.api = apis.get(0);
		Api.User owner = api.newUser("doc");
		this.room = api.createRoom(owner, "convergence " + System.nanoTime());
		for (int i = 0; i < clients; i++) {
			Editor editor = new Editor(i == 0 ? owner : api.newUser("doc"), apis.get(i % apis.size()));
			editor.connect(room, false);
			editors.add(editor);
		}
	}

	/**
	 * Every client edits at once, on its own thread, with random pauses.
	 * @param edits edits per client
	 * @param seed the random seed
	 */
	public void editConcurrently(int edits, long seed) throws InterruptedException {
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

	/**
	 * Reconnects every client (to the node it used, or to {@code to} when given) and
	 * resumes from its revision.
	 */
	public void reconnectAll(Api to) {
		for (Editor editor : editors) {
			if (to != null) {
				editor.api = to;
			}
			editor.connect(room, true);
		}
	}

	/** Waits until everyone is synchronised and checks they have the server's text. */
	public void awaitConvergence() {
		// a client composes its edits while it waits for an ack: on a loaded machine
		// (CI beside other builds) 5 clients × 120 edits made 47 revisions
		awaitConvergence(editors.size() * 5L);
	}

	/**
	 * Waits until everyone is synchronised and checks they have the server's text.
	 * @param minRevisions the fewest revisions the edits must have made (each client
	 * sends one operation at a time, so on a slow machine fewer, larger ones)
	 */
	public void awaitConvergence(long minRevisions) {
		await().atMost(60, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS).until(() -> {
			for (Editor editor : editors) {
				editor.receive();
			}
			return editors.stream().allMatch(e -> e.ot.synced());
		});
		// a fresh reader sees the server's text: everyone must have exactly that
		Editor reader = new Editor(editors.get(0).user, api);
		reader.connect(room, false);
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
		assertThat(rev).isGreaterThan(minRevisions);
	}

	private static int countOf(String text, String word) {
		int count = 0;
		for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
			count++;
		}
		return count;
	}

	/** One user's socket, document state machine and the words it inserted. */
	static final class Editor {

		final Api.User user;

		final List<String> inserted = new ArrayList<>();

		Api api;

		ChatClient client;

		String room;

		OtClient ot;

		int seen;

		int words;

		Editor(Api.User user, Api api) {
			this.user = user;
			this.api = api;
		}

		void connect(String room, boolean resume) {
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
