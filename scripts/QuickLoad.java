import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quick fan-out load: S sockets in one room, P of them publishing M messages each with a
 * window of W unacknowledged sends; prints messages delivered per second. JDK only:
 *
 *   java scripts/QuickLoad.java http://127.0.0.1:8080 100 4 2000 32
 *
 * The first argument may list several nodes of one deployment, comma-separated: socket i
 * (and so publisher i) connects to node i modulo their number, spreading the room over
 * them (accounts and the room are made through the first):
 *
 *   java scripts/QuickLoad.java http://127.0.0.1:8081,http://127.0.0.1:8082 100 4 2000 32
 *
 * The server must run with rate limits off (--chatspace.rate-limit.enabled=false).
 * The real benchmark (latency percentiles, baseline, CPU) is the bench module's job.
 */
public class QuickLoad {

	public static void main(String[] args) throws Exception {
		String[] bases = (args.length > 0 ? args[0] : "http://127.0.0.1:8080").split(",");
		String base = bases[0];
		int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 100;
		int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		int perPublisher = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
		int window = args.length > 4 ? Integer.parseInt(args[4]) : 32;
		HttpClient http = HttpClient.newHttpClient();
		String run = Long.toString(System.currentTimeMillis(), 36);
		int users = Math.min(sockets, 10);
		List<String> tokens = new ArrayList<>();
		for (int u = 0; u < users; u++) {
			String creds = "{\"username\":\"load" + run + "u" + u + "\",\"password\":\"password1\"}";
			post(http, base + "/api/accounts", null, creds);
			tokens.add(field(post(http, base + "/api/auth/token", null, creds), "token"));
		}
		String room = field(post(http, base + "/api/rooms", tokens.get(0), "{\"name\":\"load " + run + "\"}"), "slug");
		long expected = (long) publishers * perPublisher * sockets;
		AtomicLong delivered = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		CountDownLatch joined = new CountDownLatch(sockets);
		List<WebSocket> all = new ArrayList<>();
		List<Semaphore> windows = new ArrayList<>();
		for (int i = 0; i < sockets; i++) {
			String wsBase = bases[i % bases.length].replaceFirst("^http", "ws") + "/ws";
			Semaphore inFlight = new Semaphore(window);
			windows.add(inFlight);
			WebSocket ws = http.newWebSocketBuilder()
				.header("Authorization", "Bearer " + tokens.get(i % users))
				.buildAsync(URI.create(wsBase), new WebSocket.Listener() {
					final StringBuilder partial = new StringBuilder();

					@Override
					public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
						partial.append(data);
						if (last) {
							String frame = partial.toString();
							partial.setLength(0);
							if (frame.startsWith("{\"type\":\"message\"")) {
								if (delivered.incrementAndGet() == expected) {
									done.countDown();
								}
							}
							else if (frame.startsWith("{\"type\":\"ack\"") || frame.startsWith("{\"type\":\"error\"")) {
								inFlight.release();
							}
							else if (frame.startsWith("{\"type\":\"joined\"")) {
								joined.countDown();
							}
						}
						w.request(1);
						return null;
					}
				})
				.get(10, TimeUnit.SECONDS);
			ws.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}", true).get();
			all.add(ws);
		}
		joined.await(30, TimeUnit.SECONDS);
		long start = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < publishers; p++) {
			WebSocket ws = all.get(p);
			Semaphore inFlight = windows.get(p);
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					for (int m = 0; m < perPublisher; m++) {
						inFlight.acquire();
						ws.sendText("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"load message " + m
								+ " sent at " + System.nanoTime() + "\"}", true).get();
					}
				}
				catch (Exception ex) {
					ex.printStackTrace();
				}
			}));
		}
		boolean complete = done.await(300, TimeUnit.SECONDS);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("nodes=%d sockets=%d publishers=%d messages=%d deliveries=%d/%d complete=%s time=%.2fs rate=%.0f deliveries/s (%.0f messages/s in)%n",
				bases.length, sockets, publishers, publishers * perPublisher, delivered.get(), expected, complete, seconds,
				delivered.get() / seconds, publishers * perPublisher / seconds);
		System.exit(complete ? 0 : 1);
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
