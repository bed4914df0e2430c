package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Names;
import io.chatspace.support.TestSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * History over the socket: paging back with {@code history}, and resuming with
 * {@code join} + {@code after} without losing or repeating a message while others keep
 * posting. Rate limits are off in this context so tests can post hundreds of messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestSettings.NO_RATE_LIMIT, TestSettings.SMALL_OUTBOUND_BUFFER })
class HistoryAndResumeTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void historyPagingWithBeforeWalksBackWithoutGapsOrDuplicates() {
		User author = api.newUser("pager");
		String room = api.createRoom(author, Names.unique("paging"));
		List<String> posted = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			posted.add(api.postMessage(author, room, "page message " + i).path("id").asString());
		}
		try (ChatClient c = api.connect(api.newUser("reader"))) {
			JsonNode joined = c.join(room);
			List<String> seen = new ArrayList<>(ids(joined.path("messages")));
			assertThat(seen).containsExactlyElementsOf(posted.subList(70, 120));

			List<Integer> pageSizes = new ArrayList<>();
			List<Boolean> mores = new ArrayList<>();
			while (true) {
				JsonNode page = c.request(map("type", "history", "room", room, "before", seen.getFirst(), "limit", 30));
				assertThat(page.path("type").asString()).isEqualTo("history");
				assertThat(page.path("room").asString()).isEqualTo(room);
				List<String> older = ids(page.path("messages"));
				pageSizes.add(older.size());
				mores.add(page.path("more").asBoolean());
				if (older.isEmpty()) {
					break;
				}
				assertThat(older).as("oldest first").isSortedAccordingTo(HistoryAndResumeTest::byId);
				assertThat(Long.parseLong(older.getLast())).isLessThan(Long.parseLong(seen.getFirst()));
				seen.addAll(0, older);
			}
			assertThat(pageSizes).containsExactly(30, 30, 10, 0);
			assertThat(mores).containsExactly(true, true, false, false);
			assertThat(seen).containsExactlyElementsOf(posted);

			// without a limit a page holds 50
			JsonNode defaultPage = c.request(map("type", "history", "room", room, "before", posted.get(119)));
			assertThat(ids(defaultPage.path("messages"))).containsExactlyElementsOf(posted.subList(69, 119));
			// the largest page is 200
			JsonNode all = c
				.request(map("type", "history", "room", room, "before", "9223372036854775807", "limit", 200));
			assertThat(ids(all.path("messages"))).containsExactlyElementsOf(posted);
			assertThat(all.path("more").asBoolean()).isFalse();
		}
	}

	@Test
	void resumeWithAfterLosesAndDuplicatesNothingWhileMessagesKeepArriving() throws Exception {
		User sender = api.newUser("sender");
		User reader = api.newUser("reader");
		String room = api.createRoom(sender, Names.unique("resume"));
		List<String> sent = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stop = new AtomicBoolean();
		List<String> seen = new ArrayList<>();

		ChatClient client = api.connect(reader);
		seen.addAll(ids(client.join(room).path("messages")));
		try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> posting = background.submit(() -> {
				for (int i = 0; i < 1000 && !stop.get(); i++) {
					sent.add(api.postMessage(sender, room, "live " + i).path("id").asString());
				}
			});
			// drop the connection and resume six times while the sender keeps posting
			for (int round = 0; round < 6; round++) {
				int target = seen.size() + 20 + round * 7;
				ChatClient current = client;
				ChatClient.waiting().until(() -> seen.size() + current.messages(room).size() >= target);
				current.abort();
				List<String> sawLive = ids(current.messages(room));
				seen.addAll(sawLive);
				client = api.connect(reader);
				JsonNode joined = client.joinAfter(room, seen.getLast());
				assertThat(joined.path("more").asBoolean()).isFalse();
				seen.addAll(ids(joined.path("messages")));
			}
			stop.set(true);
			posting.get();
		}
		ChatClient last = client;
		String newest = sent.getLast();
		ChatClient.waiting().until(() -> seen.contains(newest) || ids(last.messages(room)).contains(newest));
		seen.addAll(ids(last.messages(room)));
		last.close();

		assertThat(new HashSet<>(seen)).as("no message twice").hasSize(seen.size());
		assertThat(seen).as("every message, in order").containsExactlyElementsOf(sent);
		assertThat(seen.size()).isGreaterThan(100);
	}

	@Test
	void resumeAfterMoreThan500MissedMessagesSaysMoreAndTheRestComesOverHttp() throws Exception {
		User reader = api.newUser("reader");
		String room = api.newRoom("backlog");
		List<String> posted = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> done = new ArrayList<>();
			for (int p = 0; p < 4; p++) {
				User author = api.newUser("author");
				done.add(posters.submit(() -> {
					for (int i = 0; i < 155; i++) {
						posted.add(api.postMessage(author, room, "backlog " + i).path("id").asString());
					}
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		List<String> all = new ArrayList<>(posted);
		all.sort(HistoryAndResumeTest::byId);
		assertThat(all).hasSize(620);

		try (ChatClient c = api.connect(reader)) {
			JsonNode joined = c.joinAfter(room, all.get(9));
			assertThat(joined.path("more").asBoolean()).isTrue();
			List<String> resumed = ids(joined.path("messages"));
			assertThat(resumed).containsExactlyElementsOf(all.subList(10, 510));

			// the rest over HTTP, from where the socket's history ended
			List<String> rest = new ArrayList<>();
			String after = resumed.getLast();
			while (true) {
				List<JsonNode> page = api.history(reader, room, "after=" + after + "&limit=200");
				if (page.isEmpty()) {
					break;
				}
				rest.addAll(page.stream().map(m -> m.path("id").asString()).toList());
				after = rest.getLast();
			}
			assertThat(rest).containsExactlyElementsOf(all.subList(510, 620));

			// and live messages follow the resumed socket
			String live = api.postMessage(api.newUser("late"), room, "after the backlog").path("id").asString();
			c.await("message", f -> f.path("message").path("id").asString().equals(live));
			assertThat(ids(c.messages(room))).containsExactly(live);
		}

		try (ChatClient c = api.connect(reader)) {
			// exactly 500 missed (499 of the backlog and the late one): all of them,
			// nothing more to fetch
			JsonNode joined = c.joinAfter(room, all.get(120));
			assertThat(joined.path("more").asBoolean()).isFalse();
			assertThat(ids(joined.path("messages"))).hasSize(500).first().isEqualTo(all.get(121));
		}
	}

	/** A room and the ids of the messages posted in it, oldest first. */
	private record PostedRoom(String slug, List<String> posted) {
	}

	/**
	 * A room with 100 messages of about 4 000 characters: 410 KB of {@code joined} or
	 * {@code history}, more than this context's 256 KB outbound buffer.
	 */
	private PostedRoom roomOfLongMessages() {
		User author = api.newUser("verbose");
		String room = api.createRoom(author, Names.unique("verbose"));
		List<String> posted = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			posted.add(api.postMessage(author, room, i + " " + NonReadingClient.PADDING).path("id").asString());
		}
		return new PostedRoom(room, posted);
	}

	@Test
	void aResumeLargerThanTheOutboundBufferComesInPartsAndTheSocketStaysOpen() {
		PostedRoom verbose = roomOfLongMessages();
		String room = verbose.slug();
		List<String> posted = verbose.posted();

		try (ChatClient c = api.connect(api.newUser("returning"))) {
			List<String> resumed = new ArrayList<>();
			List<Integer> parts = new ArrayList<>();
			String after = Long.toString(Long.parseLong(posted.getFirst()) - 1);
			while (true) {
				// a join of a room already joined on the socket re-synchronises it
				JsonNode joined = c.joinAfter(room, after);
				List<String> part = ids(joined.path("messages"));
				parts.add(part.size());
				resumed.addAll(part);
				if (!joined.path("more").asBoolean()) {
					break;
				}
				assertThat(part).isNotEmpty();
				after = part.getLast();
			}

			assertThat(resumed).containsExactlyElementsOf(posted);
			assertThat(parts.getFirst()).as("messages in the first joined frame").isBetween(1, 40);
			assertThat(c.isClosed()).isFalse();
			assertThat(c.request(map("type", "ping", "ref", "still there")).path("type").asString()).isEqualTo("pong");
		}
	}

	@Test
	void aHistoryPageLargerThanTheOutboundBufferIsShortenedAndTheSocketStaysOpen() {
		PostedRoom verbose = roomOfLongMessages();
		String room = verbose.slug();
		List<String> posted = verbose.posted();

		try (ChatClient c = api.connect(api.newUser("scroller"))) {
			// a fresh join carries the newest of its 50 that fit
			List<String> seen = new ArrayList<>(ids(c.join(room).path("messages")));
			assertThat(seen).isNotEmpty().hasSizeLessThan(50);
			assertThat(posted).endsWith(seen.toArray(String[]::new));

			int pages = 0;
			while (true) {
				JsonNode page = c
					.request(map("type", "history", "room", room, "before", seen.getFirst(), "limit", 100));
				List<String> older = ids(page.path("messages"));
				assertThat(older.size()).isLessThan(40);
				seen.addAll(0, older);
				pages++;
				if (!page.path("more").asBoolean()) {
					break;
				}
				assertThat(older).isNotEmpty();
			}

			assertThat(seen).containsExactlyElementsOf(posted);
			assertThat(pages).isGreaterThan(1);
			assertThat(c.isClosed()).isFalse();
		}
	}

	@Test
	void resumeAfterTheNewestMessageGetsNothingButLiveMessages() {
		User user = api.newUser("uptodate");
		String room = api.createRoom(user, Names.unique("uptodate"));
		String newest = api.postMessage(user, room, "the newest").path("id").asString();
		try (ChatClient c = api.connect(user)) {
			JsonNode joined = c.joinAfter(room, newest);
			assertThat(joined.path("messages").size()).isZero();
			assertThat(joined.path("more").asBoolean()).isFalse();
			String next = c.post(room, "next");
			c.await("message", f -> f.path("message").path("id").asString().equals(next));
			assertThat(ids(c.messages(room))).containsExactly(next);
		}
	}

	private static List<String> ids(JsonNode messages) {
		List<String> ids = new ArrayList<>();
		messages.values().forEach(m -> ids.add(m.path("id").asString()));
		return ids;
	}

	private static List<String> ids(List<JsonNode> messages) {
		return messages.stream().map(m -> m.path("id").asString()).toList();
	}

	private static int byId(String a, String b) {
		return Long.compare(Long.parseLong(a), Long.parseLong(b));
	}

}
