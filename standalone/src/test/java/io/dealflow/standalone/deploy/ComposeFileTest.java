package io.dealflow.standalone.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Docker does not run on the build machines, so the deployment files are checked for their shape: the compose file
 * runs PostgreSQL, two {@code api} nodes and two {@code projections,webhooks} nodes of the image built from this
 * repository, and an edge on :8080 that waits for healthy api nodes, every service with a health check and a restart
 * policy; the Dockerfile builds with the Maven wrapper in a build stage; the edge's nginx configuration forwards to both
 * api nodes with the client's host, port and scheme, and passes {@code nginx -t} where nginx is installed.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoApiNodesTwoWorkersAndAnEdgeEachHealthCheckedAndRestarted() throws IOException {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsOnlyKeys("postgres", "api-1", "api-2", "worker-1", "worker-2", "edge");

        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKeys("healthcheck", "restart");
            assertThat((Map<String, Object>) service.get("healthcheck")).as(name).containsKey("test");
            assertThat(service.get("restart")).as(name).isIn("always", "unless-stopped");
        });
        for (String node : List.of("api-1", "api-2", "worker-1", "worker-2")) {
            Map<String, Object> service = services.get(node);
            assertThat(service.get("build")).as(node + " is built from this repository").isEqualTo(".");
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment.get("DEALFLOW_ROLES")).as(node)
                    .isEqualTo(node.startsWith("api") ? "api" : "projections,webhooks");
            assertThat((String) environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:");
            assertThat(environment).containsKey("DEALFLOW_SECURITY_BOOTSTRAP_KEY");
            assertThat(environment.get("DEALFLOW_NODE_ID")).isEqualTo(node);
            assertThat(healthTest(service)).contains("/actuator/health");
            assertThat(dependsOnHealthy(service)).containsKey("postgres");
        }
        Map<String, Object> edge = services.get("edge");
        assertThat((List<String>) edge.get("ports")).containsExactly("8080:8080");
        assertThat(dependsOnHealthy(edge)).containsOnlyKeys("api-1", "api-2");
        assertThat(healthTest(services.get("postgres"))).contains("pg_isready");
    }

    @Test
    void theImageIsBuiltWithTheMavenWrapperInABuildStage() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM \\S+ AS build$");
        assertThat(dockerfile).contains("./mvnw", "COPY --from=build", "HEALTHCHECK");
        assertThat(dockerfile.lines().filter(line -> line.startsWith("FROM "))).hasSize(2);
    }

    @Test
    void theEdgeForwardsToBothApiNodesWithTheClientsHostPortAndScheme() throws Exception {
        String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
        assertThat(nginx).contains("server api-1:8080", "server api-2:8080", "listen 8080",
                "X-Forwarded-Host $host", "X-Forwarded-Port $server_port", "X-Forwarded-Proto $scheme");

        Path nginxBinary = Path.of("/usr/sbin/nginx");
        assumeTrue(Files.isExecutable(nginxBinary), "nginx is not installed here; `nginx -t` was skipped");
        // nginx -t resolves upstream names: outside compose's network they stand for loopback.
        Path config = Files.createTempFile("dealflow-edge", ".conf");
        Files.writeString(config, nginx.replace("api-1:8080", "127.0.0.1:18101")
                .replace("api-2:8080", "127.0.0.1:18102"));
        Process check = new ProcessBuilder(nginxBinary.toString(), "-t", "-c", config.toString())
                .redirectErrorStream(true).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("syntax is ok", "test is successful");
    }

    @SuppressWarnings("unchecked")
    private static String healthTest(Map<String, Object> service) {
        return String.valueOf(((Map<String, Object>) service.get("healthcheck")).get("test"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOnHealthy(Map<String, Object> service) {
        Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
        dependsOn.values().forEach(condition -> assertThat(((Map<String, Object>) condition).get("condition"))
                .isEqualTo("service_healthy"));
        return dependsOn;
    }
}
