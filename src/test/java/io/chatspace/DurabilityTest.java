package io.chatspace;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

import io.chatspace.support.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged message survives {@code kill -9} and a graceful stop: the server runs
 * as a separate process on a file database, clients send over WebSocket and HTTP without
 * pause, the process is killed hard (or sent SIGTERM) while sends are in flight, and
 * after a restart on the same data every acknowledged message is in the history.
 */
class DurabilityTest {

	private static final Pattern ID = Pattern.compile("\"type\":\"ack\".*?\"id\":\"(\\d+)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path data;

	private ServerProcess server;

	@AfterEach
	void stop() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void acknowledgedMessagesSurviveKillMinusNine() throws Throwable {
		acknowledgedMessagesSurvive(ServerProcess::kill);
	}

	/**
	 * SIGTERM mid-stream, as a deployment sends: the server shuts down within 60 s and
	 * keeps every message it acknowledged.
	 */
	@Test
	void acknowledgedMessagesSurviveAGracefulStop() throws Throwable {
		acknowledgedMessagesSurvive(ServerProcess::stop);
	}

	private void acknowledgedMessagesSurvive(ThrowingConsumer<ServerProcess> stop) throws Throwable {
		server = new ServerProcess(data, arguments()).start();
		int port = server.port();
		String base = "http://127.0.0.1:" + port;
		post(base + "/api/accounts", null, "{\"username\":\"durable\",\"password\":\"password1\"}");
		String token = json(
				post(base + "/api/auth/token", null, "{\"username\":\"durable\",\"password\":\"password1\"}"), "token");
		post(base + "/api/rooms", token, "{\"name\":\"Vault\"}");

		Set<String> acked = ConcurrentHashMap.newKeySet();
		AtomicInteger sent = new AtomicInteger();
		WebSocket socket = http.newWebSocketBuilder()
			.header("Authorization", "Bearer " + token)
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
				private final StringBuilder partial = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
					partial.append(text);
					if (last) {
						Matcher m = ID.matcher(partial);
						if (m.find()) {
							acked.add(m.group(1));
						}
						partial.setLength(0);
					}
					ws.request(1);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		socket.sendText("{\"type\":\"join\",\"room\":\"vault\"}", true).get();

		// HTTP senders in parallel: their 201 is an acknowledgement too
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int thread = t;
			senders.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
					try {
						String body = post(base + "/api/rooms/vault/messages", token,
								"{\"body\":\"http " + thread + "-" + i + "\"}");
						acked.add(json(body, "id"));
					}
					catch (Exception ex) {
						return;
					}
				}
			}));
		}
		for (int i = 0; acked.size() < 400; i++) {
			socket.sendText("{\"type\":\"send\",\"room\":\"vault\",\"body\":\"ws " + i + "\"}", true).get();
			sent.incrementAndGet();
			if (i % 20 == 0) {
				Thread.sleep(5);
			}
		}
		stop.accept(server);
		senders.forEach(Thread::interrupt);
		Set<String> acknowledged = Set.copyOf(acked);
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);

		server.start();
		Set<String> stored = new java.util.HashSet<>();
		String after = "0";
		while (true) {
			String page = get(base + "/api/rooms/vault/messages?limit=200&after=" + after, token);
			Matcher m = Pattern.compile("\"id\":\"(\\d+)\"").matcher(page);
			int count = 0;
			while (m.find()) {
				stored.add(m.group(1));
				after = m.group(1);
				count++;
			}
			if (count < 200) {
				break;
			}
		}
		assertThat(stored).containsAll(acknowledged);
	}

	/**
	 * @return the server's arguments (a subclass adds a profile)
	 */
	String[] arguments() {
		return new String[] { "--chatspace.rate-limit.enabled=false" };
	}

	private String post(String url, String token, String json) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IOException(url + " -> " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	private String get(String url, String token) throws IOException, InterruptedException {
		return http
			.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String json(String body, String field) {
		Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
		assertThat(m.find()).as("%s in %s", field, body).isTrue();
		return m.group(1);
	}

}
