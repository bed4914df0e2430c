package io.chatspace.support;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every module may use. */
@Configuration(proxyBeanMethods = false)
class SupportConfiguration {

	/** The wall clock (UTC); tests may replace it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
