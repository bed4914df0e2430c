package io.chatspace.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Creates the keyspace when it is missing and applies the versioned CQL scripts of
 * {@code classpath:cassandra/migration} ({@code V<n>__<description>.cql}) that the
 * keyspace's {@code schema_version} table does not list yet, in version order. Every
 * statement of a script must be idempotent ({@code IF NOT EXISTS}, …): several nodes may
 * start at the same time and apply the same script. The statements of one script are sent
 * together, so they must not depend on each other (put dependent changes in the next
 * version).
 * <p>
 * Also fixes the bucket size: the first node to start stores its
 * {@code chatspace.cassandra.bucket-size} in the {@code settings} table (a lightweight
 * transaction); every node uses the stored value from then on.
 */
final class CassandraSchema {

	private static final Logger log = LoggerFactory.getLogger(CassandraSchema.class);

	private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(.+)\\.cql");

	private final CqlSession session;

	private final CassandraSettings settings;

	private final String keyspace;

	CassandraSchema(CqlSession session, CassandraSettings settings) {
		this.session = session;
		this.settings = settings;
		this.keyspace = settings.keyspace();
	}

	TimeBuckets migrate() {
		run("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + settings.replication().cql());
		run("CREATE TABLE IF NOT EXISTS " + keyspace
				+ ".schema_version (version int PRIMARY KEY, description text, applied_at timestamp)");
		Set<Integer> applied = new HashSet<>();
		for (Row row : session.execute(query("SELECT version FROM " + keyspace + ".schema_version"))) {
			applied.add(row.getInt(0));
		}
		for (Script script : scripts()) {
			if (applied.contains(script.version())) {
				continue;
			}
			log.info("Applying Cassandra schema version {} ({}) to keyspace {}", script.version(), script.description(),
					keyspace);
			// the statements of one script are independent (tables of their own): sent at
			// once, they wait for schema agreement together
			List<java.util.concurrent.CompletableFuture<?>> done = new ArrayList<>();
			for (String statement : script.statements()) {
				done.add(session
					.executeAsync(SimpleStatement.newInstance(statement.replace("${keyspace}", keyspace))
						.setTimeout(java.time.Duration.ofSeconds(30)))
					.toCompletableFuture());
			}
			java.util.concurrent.CompletableFuture.allOf(done.toArray(java.util.concurrent.CompletableFuture[]::new))
				.join();
			session.execute(query(
					"INSERT INTO " + keyspace + ".schema_version (version, description, applied_at) VALUES (?, ?, ?)",
					script.version(), script.description(), Instant.now()));
		}
		return buckets();
	}

	private TimeBuckets buckets() {
		long wanted = settings.bucketSize().toMillis();
		Row row = session.execute(SimpleStatement.newInstance(
				"INSERT INTO " + keyspace + ".settings (name, value) VALUES ('bucket_millis', ?) IF NOT EXISTS",
				Long.toString(wanted)))
			.one();
		long stored = row.getBoolean("[applied]") ? wanted : Long.parseLong(row.getString("value"));
		if (stored != wanted) {
			log.warn(
					"chatspace.cassandra.bucket-size is {} ms, but keyspace {} was created with buckets of {} ms; "
							+ "using {} ms (the size cannot change once messages are stored)",
					wanted, keyspace, stored, stored);
		}
		return new TimeBuckets(stored);
	}

	private void run(String cql) {
		session.execute(SimpleStatement.newInstance(cql).setTimeout(java.time.Duration.ofSeconds(30)));
	}

	private SimpleStatement query(String cql, Object... values) {
		return SimpleStatement.newInstance(cql, values).setConsistencyLevel(settings.consistency());
	}

	static List<Script> scripts() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:cassandra/migration/V*__*.cql");
			List<Script> scripts = new ArrayList<>();
			Set<Integer> versions = new HashSet<>();
			for (Resource resource : resources) {
				Matcher name = SCRIPT.matcher(resource.getFilename());
				if (!name.matches()) {
					continue;
				}
				int version = Integer.parseInt(name.group(1));
				if (!versions.add(version)) {
					throw new IllegalStateException("two Cassandra schema scripts of version " + version);
				}
				String text = resource.getContentAsString(StandardCharsets.UTF_8);
				scripts.add(new Script(version, name.group(2).replace('_', ' '), statements(text)));
			}
			scripts.sort(Comparator.comparingInt(Script::version));
			return scripts;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the statements of a script: {@code --} comments dropped, split at {@code ;}
	 */
	static List<String> statements(String script) {
		StringBuilder code = new StringBuilder();
		for (String line : script.split("\n")) {
			int comment = line.indexOf("--");
			code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
		}
		return Arrays.stream(code.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	record Script(int version, String description, List<String> statements) {
	}

}
