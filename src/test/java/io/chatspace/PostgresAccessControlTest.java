package io.chatspace;

import io.chatspace.support.PostgresDatabase;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AccessControlTest} on PostgreSQL (profile {@code postgres}) with its streaming
 * replica serving read-only transactions.
 */
@ActiveProfiles("postgres")
class PostgresAccessControlTest extends AccessControlTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.useWithReplica(registry);
	}

}
