package io.chatspace.realtime;

import io.chatspace.support.PostgresDatabase;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link UnreadCountsTest} on PostgreSQL (profile {@code postgres}) with its streaming
 * replica serving read-only transactions.
 */
@ActiveProfiles("postgres")
class PostgresUnreadCountsTest extends UnreadCountsTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.useWithReplica(registry);
	}

}
