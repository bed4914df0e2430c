package io.chatspace.messaging;

import io.chatspace.support.ratelimit.TokenBuckets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendRateLimiterTest {

	@Test
	void allowsTheBurstThenRefuses() {
		var limiter = new SendRateLimiter(new RateLimitProperties(true, new RateLimitProperties.Limit(20, 5)),
				TokenBuckets.inMemory());
		for (int i = 0; i < 20; i++) {
			assertThat(limiter.tryAcquire(1)).as("message %d of the burst", i + 1).isTrue();
		}
		assertThat(limiter.tryAcquire(1)).isFalse();
	}

	@Test
	void usersHaveTheirOwnBuckets() {
		var limiter = new SendRateLimiter(new RateLimitProperties(true, new RateLimitProperties.Limit(2, 1)),
				TokenBuckets.inMemory());
		assertThat(limiter.tryAcquire(1)).isTrue();
		assertThat(limiter.tryAcquire(1)).isTrue();
		assertThat(limiter.tryAcquire(1)).isFalse();
		assertThat(limiter.tryAcquire(2)).isTrue();
	}

	@Test
	void refillsAtTheConfiguredRate() throws InterruptedException {
		var limiter = new SendRateLimiter(new RateLimitProperties(true, new RateLimitProperties.Limit(1, 10)),
				TokenBuckets.inMemory());
		assertThat(limiter.tryAcquire(1)).isTrue();
		assertThat(limiter.tryAcquire(1)).isFalse();
		// 10 per second: one token every 100 ms
		Thread.sleep(250);
		assertThat(limiter.tryAcquire(1)).isTrue();
	}

	@Test
	void disabledLimiterAllowsEverything() {
		var limiter = new SendRateLimiter(new RateLimitProperties(false, new RateLimitProperties.Limit(1, 1)),
				TokenBuckets.inMemory());
		for (int i = 0; i < 1000; i++) {
			assertThat(limiter.tryAcquire(1)).isTrue();
		}
	}

}
