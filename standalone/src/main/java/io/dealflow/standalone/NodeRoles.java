package io.dealflow.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns {@code dealflow.roles} (a comma list of {@code api}, {@code projections}, {@code webhooks}; default all three)
 * into the switches of the modules, and gives the node one id, {@code dealflow.node-id}, which every claim it makes in
 * the shared database carries (projection segments, webhook leases, rate-limit counts). The modules know nothing of
 * roles: each reads its own switch, and anything set explicitly wins over what is derived here.
 *
 * <ul>
 *   <li>{@code api}: the HTTP API ({@code dealflow.api.enabled}) and the node's share in cluster-wide rate limits;</li>
 *   <li>{@code projections}: the read-model processors claim segments ({@code dealflow.projections.processors-enabled});
 *       a node without it still has them registered, never claiming, so consistency-token waits know what each
 *       projection handles and rebuilds can run anywhere;</li>
 *   <li>{@code webhooks}: the outbox processor, the dispatcher and the stale trigger
 *       ({@code dealflow.webhooks.workers-enabled}).</li>
 * </ul>
 */
public class NodeRoles implements EnvironmentPostProcessor {

    /** The roles a node can have. */
    enum Role { API, PROJECTIONS, WEBHOOKS }

    static final String PROPERTY = "dealflow.roles";
    static final String NODE_ID = "dealflow.node-id";
    private static final String SOURCE = "dealflowNodeRoles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Set<Role> roles = parse(environment.getProperty(PROPERTY));
        Map<String, Object> derived = new LinkedHashMap<>();
        String nodeId = environment.getProperty(NODE_ID);
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = defaultNodeId();
            derived.put(NODE_ID, nodeId);
        }
        derived.put("dealflow.projections.node-id", nodeId);
        derived.put("dealflow.webhooks.node-id", nodeId);
        derived.put("dealflow.security.node-id", nodeId);
        derived.put("dealflow.bulk.node-id", nodeId);
        derived.put("dealflow.api.enabled", roles.contains(Role.API));
        derived.put("dealflow.security.shared-rate-limits", roles.contains(Role.API));
        derived.put("dealflow.projections.processors-enabled", roles.contains(Role.PROJECTIONS));
        derived.put("dealflow.webhooks.workers-enabled", roles.contains(Role.WEBHOOKS));
        derived.put("dealflow.roles.effective", roles.stream().map(Role::name)
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")));
        // Last in line: command-line arguments, environment variables and properties files all win.
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, derived));
    }

    /** The roles named in the list; all of them when it is empty. */
    static Set<Role> parse(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : list.split(",")) {
            String role = name.strip().toUpperCase(Locale.ROOT);
            if (role.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " names an unknown role '" + name.strip()
                        + "'; the roles are " + Arrays.stream(Role.values()).map(Enum::name)
                        .map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names no role");
        }
        return roles;
    }

    /**
     * Host name, process id and a random suffix: readable in {@code token_entry.owner} and delivery leases, and unique
     * even where containers share a host name and a pid (Axon's own default, {@code pid@host}, is not).
     */
    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String id = host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        // Claims' owner columns are VARCHAR(255) at most; some are 64.
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }
}
