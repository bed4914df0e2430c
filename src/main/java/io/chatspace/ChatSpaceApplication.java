package io.chatspace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * ChatSpace: a self-hostable real-time chat server. One top-level package per feature
 * ({@code accounts}, {@code rooms}, {@code messaging}, {@code realtime},
 * {@code presence}); Spring Modulith verifies the boundaries in {@code ModularityTests}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatSpaceApplication {

	/**
	 * Starts the server.
	 * @param args Spring Boot command-line arguments ({@code --server.port=8081}, …)
	 */
	public static void main(String[] args) {
		SpringApplication.run(ChatSpaceApplication.class, args);
	}

}
