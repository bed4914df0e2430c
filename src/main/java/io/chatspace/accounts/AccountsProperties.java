package io.chatspace.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the accounts module, {@code chatspace.accounts.*}.
 *
 * @param tokenTtl how long an API token from {@code POST /api/auth/token} is valid
 * @param loginThrottle limits on failed password checks
 */
@ConfigurationProperties("chatspace.accounts")
record AccountsProperties(@DefaultValue("30d") Duration tokenTtl, @DefaultValue LoginThrottleProperties loginThrottle) {

	/**
	 * Failed logins (form or token endpoint) allowed before {@code 429}.
	 *
	 * @param perUser failures allowed per username within {@code window}
	 * @param perAddress failures allowed per client address within {@code window}
	 * @param window the refill period of both budgets
	 */
	record LoginThrottleProperties(@DefaultValue("5") int perUser, @DefaultValue("20") int perAddress,
			@DefaultValue("15m") Duration window) {
	}

}
