package com.sendline.application.operations;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {
    private static DependencyCheck check(String name, boolean up) {
        return new DependencyCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckResult check() {
                return up ? CheckResult.up(1) : CheckResult.down(2, "no answer");
            }
        };
    }

    @Test
    void an_instance_is_not_ready_until_start_up_is_over() {
        Readiness readiness = new Readiness(List.of(check("postgres", true)));

        assertThat(readiness.report().up()).isFalse();
        assertThat(readiness.report().starting()).isTrue();

        readiness.markStarted();
        assertThat(readiness.report().up()).isTrue();
        assertThat(readiness.report().starting()).isFalse();
    }

    @Test
    void one_dependency_down_makes_the_instance_unready_and_says_which() {
        Readiness readiness = new Readiness(List.of(check("postgres", true), check("redis-cache", false)));
        readiness.markStarted();

        Readiness.Report report = readiness.report();
        assertThat(report.up()).isFalse();
        assertThat(report.checks().get("postgres").up()).isTrue();
        assertThat(report.checks().get("redis-cache").detail()).isEqualTo("no answer");
    }

    @Test
    void a_draining_instance_is_unready_even_with_every_dependency_up() {
        Readiness readiness = new Readiness(List.of(check("postgres", true)));
        readiness.markStarted();
        readiness.markDraining();

        assertThat(readiness.report().up()).isFalse();
        assertThat(readiness.report().draining()).isTrue();
        assertThat(readiness.isDraining()).isTrue();
    }
}
