import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quick measurement of how many operations per second one shared document sustains: E
 * editors on one document, each in a closed loop (send an operation, wait for its ack), every
 * operation an insert at the start made against the newest revision the editor knows, so the
 * server transforms it against whatever the others stored meanwhile. JDK only:
 *
 *   java scripts/QuickDocLoad.java http://127.0.0.1:8080 4 10
 *
 * (E editors for S seconds; the server should run with --chatspace.rate-limit.enabled=false.)
 */
public class QuickDocLoad {

	public static void main(String[] args) throws Exception {
		String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
		int editors = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		HttpClient http = HttpClient.newHttpClient();
		String run = Long.toString(System.currentTimeMillis(), 36);
		List<String> tokens = new ArrayList<>();
		for (int u = 0; u < editors; u++) {
			String creds = "{\"username\":\"doc" + run + "u" + u + "\",\"password\":\"password1\"}";
			post(http, base + "/api/accounts", null, creds);
			tokens.add(field(post(http, base + "/api/auth/token", null, creds), "token"));
		}
		String room = field(post(http, base + "/api/rooms", tokens.get(0), "{\"name\":\"doc " + run + "\"}"), "slug");
		AtomicLong acked = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		CountDownLatch done = new CountDownLatch(editors);
		String ws = base.replaceFirst("^http", "ws") + "/ws";
		long start = System.nanoTime();
		for (int e = 0; e < editors; e++) {
			new Editor(http, ws, tokens.get(e), room, acked, deadline, done).start();
		}
		if (!done.await(seconds + 30, TimeUnit.SECONDS)) {
			System.err.println("some editors never finished");
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		System.out.printf("editors=%d operations=%d time=%.1fs rate=%.0f operations/s on one document%n", editors,
				acked.get(), elapsed, acked.get() / elapsed);
	}

	/** One editor: knows the newest revision (every op inserts one character, so length = rev). */
	static final class Editor implements WebSocket.Listener {

		final HttpClient http;

		final String url, token, room;

		final AtomicLong acked;

		final long deadline;

		final CountDownLatch done;

		final StringBuilder partial = new StringBuilder();

		WebSocket socket;

		long rev = -1;

		int refs;

		Editor(HttpClient http, String url, String token, String room, AtomicLong acked, long deadline,
				CountDownLatch done) {
			this.http = http;
			this.url = url;
			this.token = token;
			this.room = room;
			this.acked = acked;
			this.deadline = deadline;
			this.done = done;
		}

		void start() throws Exception {
			socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
				.buildAsync(URI.create(url), this).get(10, TimeUnit.SECONDS);
			// the JDK's WebSocket takes one send at a time
			socket.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}", true).join();
			socket.sendText("{\"type\":\"doc.open\",\"room\":\"" + room + "\"}", true).join();
		}

		@Override
		public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				String frame = partial.toString();
				partial.setLength(0);
				Matcher m = Pattern.compile("\"rev\":(\\d+)").matcher(frame);
				if (frame.startsWith("{\"type\":\"doc.snapshot\"") && m.find()) {
					rev = Long.parseLong(m.group(1));
					next();
				}
				else if (frame.startsWith("{\"type\":\"doc.op\"") && m.find()) {
					rev = Math.max(rev, Long.parseLong(m.group(1)));
				}
				else if (frame.startsWith("{\"type\":\"doc.ack\"") && m.find()) {
					rev = Math.max(rev, Long.parseLong(m.group(1)));
					acked.incrementAndGet();
					next();
				}
				else if (frame.startsWith("{\"type\":\"error\"")) {
					System.err.println(frame);
					done.countDown();
				}
			}
			ws.request(1);
			return null;
		}

		private void next() {
			if (System.nanoTime() > deadline) {
				done.countDown();
				return;
			}
			String op = rev == 0 ? "[\"x\"]" : "[\"x\"," + rev + "]";
			socket.sendText("{\"type\":\"doc.op\",\"room\":\"" + room + "\",\"rev\":" + rev + ",\"op\":" + op
					+ ",\"ref\":\"r" + (++refs) + "\"}", true);
		}

	}

	static String post(HttpClient http, String url, String token, String json) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException(name + " missing in " + json);
		}
		return m.group(1);
	}

}
