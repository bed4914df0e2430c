package io.chatspace.support.h2;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Upkeep of the embedded H2 file, {@code chatspace.h2.maintenance.*} (see
 * {@link H2FileMaintenance}).
 *
 * @param enabled whether the upkeep runs at all (it only ever runs on an embedded H2 file
 * database)
 * @param interval time between two rounds
 * @param rewrite the most live bytes copied out of sparse chunks in one round (the store
 * lock is held meanwhile, so commits wait: 1 MB took 1-5 ms here)
 */
@ConfigurationProperties("chatspace.h2.maintenance")
public record H2MaintenanceProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
		@DefaultValue("1MB") DataSize rewrite) {
}
