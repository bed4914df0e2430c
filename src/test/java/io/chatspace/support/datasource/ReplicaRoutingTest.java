package io.chatspace.support.datasource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.chatspace.support.PostgresDatabase;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The primary/replica router against a real PostgreSQL primary and a real streaming
 * replica ({@code scripts/postgres-replica}, started by {@code .ci/run}):
 * {@code pg_is_in_recovery()} is true only on the replica.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class ReplicaRoutingTest {

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		String name = PostgresDatabase.use(registry);
		registry.add("chatspace.datasource.replica.url", () -> PostgresDatabase.url(name, PostgresDatabase.REPLICA));
		registry.add("chatspace.datasource.replica.retry-after", () -> "1s");
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ReplicaReads reads;

	@Autowired
	FilterRegistrationBean<ReadYourWrites> readYourWrites;

	@Autowired
	List<HealthIndicator> indicators;

	@AfterEach
	void replicaRunsAgain() throws Exception {
		replica("start");
	}

	@Test
	void readOnlyTransactionsAreServedByTheReplicaAndWritesByThePrimary() {
		assertThat(inRecovery(true)).as("read-only transaction").isTrue();
		assertThat(inRecovery(false)).as("read-write transaction").isFalse();
		assertThat(new JdbcTemplate(dataSource).queryForObject("select pg_is_in_recovery()", Boolean.class))
			.as("no transaction")
			.isFalse();
	}

	@Test
	void aUserWhoJustWroteReadsFromThePrimary() throws Exception {
		var filter = readYourWrites.getFilter();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("writer", null,
					List.of(new SimpleGrantedAuthority("ROLE_USER"))));
		try {
			boolean[] seen = new boolean[2];
			filter.doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(),
					(FilterChain) (req, res) -> seen[0] = inRecovery(true));
			filter.doFilter(new MockHttpServletRequest("POST", "/rooms"), new MockHttpServletResponse(),
					(FilterChain) (req, res) -> {
					});
			filter.doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(),
					(FilterChain) (req, res) -> seen[1] = inRecovery(true));
			assertThat(seen[0]).as("before writing: the replica").isTrue();
			assertThat(seen[1]).as("right after writing: the primary").isFalse();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	@Test
	void readsKeepWorkingWhileTheReplicaIsDownAndReturnToItAfterwards() throws Exception {
		replica("stop");
		assertThat(inRecovery(true)).as("read-only transaction with the replica down").isFalse();
		assertThat(reads.replicaInUse()).isFalse();
		assertThat(indicators.stream().map(i -> i.health(false).getStatus().getCode()))
			.contains(ReplicaRoutingConfiguration.HEALTH_DEGRADED);
		replica("start");
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> inRecovery(true));
	}

	private boolean inRecovery(boolean readOnly) {
		var template = new TransactionTemplate(transactions);
		template.setReadOnly(readOnly);
		return template.execute(
				status -> new JdbcTemplate(dataSource).queryForObject("select pg_is_in_recovery()", Boolean.class));
	}

	private static void replica(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("scripts/postgres-replica", command).inheritIO().start();
		assertThat(process.waitFor()).as("scripts/postgres-replica " + command).isZero();
	}

}
