package io.chatspace.realtime;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Names;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway is a restartable lifecycle: after the application is stopped (every socket
 * closed with 1001) and started again, as Spring's test framework does with cached
 * contexts and as checkpoint/restore does, it serves sockets again. (It used to shut its
 * writer pool down for good, so every later reply failed.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "chatspace.realtime.join-history=50")
@DirtiesContext
class GatewayLifecycleTest {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theGatewayServesSocketsAgainAfterTheApplicationIsStoppedAndStarted() {
		Api api = new Api(port());
		User user = api.newUser("phoenix");
		String room = api.createRoom(user, Names.unique("phoenix"));
		ChatClient before = api.connect(user);
		before.join(room);

		context.stop();
		assertThat(before.awaitClose().code()).isEqualTo(1001);
		context.start();

		Api again = new Api(port());
		try (ChatClient after = again.connect(user)) {
			after.join(room);
			String id = after.post(room, "back again");
			after.await("message", f -> f.path("message").path("id").asString().equals(id));
		}
	}

	private int port() {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
