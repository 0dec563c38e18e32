package dev.cairn.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoDataRunnerTest {

    @Test
    void theBareFlagAndTrueTurnDemoDataOnAnythingElseLeavesItOff() {
        assertThat(DemoDataRunner.enabled("")).isTrue();
        assertThat(DemoDataRunner.enabled("true")).isTrue();
        assertThat(DemoDataRunner.enabled("TRUE")).isTrue();
        assertThat(DemoDataRunner.enabled("false")).isFalse();
        assertThat(DemoDataRunner.enabled("no")).isFalse();
    }
}
