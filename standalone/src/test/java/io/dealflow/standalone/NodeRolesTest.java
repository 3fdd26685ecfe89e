package io.dealflow.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeRolesTest {

    @Test
    void runsEveryRoleWhenNoneIsNamed() {
        assertThat(NodeRoles.parse(null)).isEqualTo(EnumSet.allOf(NodeRoles.Role.class));
        assertThat(NodeRoles.parse(" ")).isEqualTo(EnumSet.allOf(NodeRoles.Role.class));
    }

    @Test
    void readsACommaListIgnoringCaseAndSpaces() {
        assertThat(NodeRoles.parse("Projections, webhooks"))
                .containsExactlyInAnyOrder(NodeRoles.Role.PROJECTIONS, NodeRoles.Role.WEBHOOKS);
    }

    @Test
    void refusesAnUnknownRoleNamingTheKnownOnes() {
        assertThatThrownBy(() -> NodeRoles.parse("api,reports"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reports'").hasMessageContaining("api, projections, webhooks");
        assertThatThrownBy(() -> NodeRoles.parse(",")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void switchesTheModulesAndSharesOneNodeIdUnlessSetExplicitly() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("dealflow.roles", "projections")
                .withProperty("dealflow.node-id", "worker-7")
                .withProperty("dealflow.projections.claim-timeout", "5s")
                .withProperty("dealflow.webhooks.workers-enabled", "true");
        new NodeRoles().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("dealflow.api.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("dealflow.security.shared-rate-limits")).isEqualTo("false");
        assertThat(environment.getProperty("dealflow.projections.processors-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("dealflow.projections.node-id")).isEqualTo("worker-7");
        assertThat(environment.getProperty("dealflow.webhooks.node-id")).isEqualTo("worker-7");
        // set explicitly: wins over the role
        assertThat(environment.getProperty("dealflow.webhooks.workers-enabled")).isEqualTo("true");
    }
}
