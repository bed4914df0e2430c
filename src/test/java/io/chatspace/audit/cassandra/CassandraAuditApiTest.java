package io.chatspace.audit.cassandra;

import io.chatspace.audit.AuditApiTest;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** {@link AuditApiTest} with the audit log in the real Cassandra node. */
@ActiveProfiles("cassandra")
@TestPropertySource(properties = { "chatspace.cassandra.keyspace=cs_audit_api_${random.value}" })
class CassandraAuditApiTest extends AuditApiTest {

}
