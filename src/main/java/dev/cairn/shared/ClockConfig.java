package dev.cairn.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every module takes time from this clock, so tests can move it. */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return new SystemClock();
    }

    /** UTC system time, unless {@link TimeTravel} says otherwise on this thread. */
    static final class SystemClock extends Clock {
        @Override
        public Instant instant() {
            return TimeTravel.now().orElseGet(Instant::now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
