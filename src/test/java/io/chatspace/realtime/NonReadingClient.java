package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.RawWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of clients that stop reading share: a raw socket with a small receive
 * buffer that joins a room and then reads nothing, and a flood of ~4 000-byte messages
 * posted over the HTTP API by several users at once.
 */
final class NonReadingClient {

	/** The body padding of a flood message: about 4 000 bytes each. */
	static final String PADDING = "x".repeat(3990);

	private NonReadingClient() {
	}

	/**
	 * Opens a socket for the user (4 KiB receive buffer), joins the room and waits until
	 * the witness, already in the room, sees the user appear.
	 * @return the open socket, which the caller closes
	 */
	static RawWebSocket joinAndStopReading(int port, User user, String room, ChatClient witness) throws Exception {
		RawWebSocket socket = RawWebSocket.open(port, "/ws", Map.of("Authorization", "Bearer " + user.token()), 4096);
		assertThat(socket.status()).isEqualTo(101);
		socket.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
		witness.await("presence", f -> f.path("joins").toString().contains(user.name()));
		return socket;
	}

	/**
	 * Posts {@code each} padded messages from every poster at once and waits until all
	 * are accepted.
	 */
	static void flood(Api api, List<User> posters, String room, int each) throws Exception {
		try (ExecutorService flood = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> done = new ArrayList<>();
			for (User poster : posters) {
				done.add(flood.submit(() -> {
					for (int i = 0; i < each; i++) {
						api.postMessage(poster, room, i + " " + PADDING);
					}
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
	}

}
