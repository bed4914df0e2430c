package io.chatspace.realtime;

import io.chatspace.support.PostgresDatabase;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link GatewayTest} on PostgreSQL (profile {@code postgres}) with its streaming replica
 * serving read-only transactions.
 */
@ActiveProfiles("postgres")
class PostgresGatewayTest extends GatewayTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.useWithReplica(registry);
	}

}
