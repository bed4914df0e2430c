package io.chatspace.realtime;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link GatewayTest} with the {@code cassandra} profile: join, send, ack, fan-out,
 * nonces and presence with messages stored in the real Cassandra node.
 */
@ActiveProfiles("cassandra")
@TestPropertySource(properties = { "chatspace.cassandra.keyspace=cs_gateway_${random.value}" })
class CassandraGatewayTest extends GatewayTest {

}
