package io.dealflow.highlevel;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code compat/run-conformance.sh}, which drives the official HighLevel Node SDK
 * ({@code @gohighlevel/api-client}) against this test's server with a key scoped to the test's location: create,
 * get, update, status, upsert, followers, search, pipelines and delete. Skipped where {@code node} is not installed.
 */
class SdkConformanceTest extends HighLevelApiTest {

    private static final Path SCRIPT = Path.of("..", "compat", "run-conformance.sh");

    @Test
    void theHighLevelSdkWorksAgainstDealflow() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are not installed");
        String key = key(List.of(location), "opportunities.write", "pipelines.write");
        Path output = Files.createTempFile("highlevel-sdk", ".log");

        Process run = new ProcessBuilder("bash", SCRIPT.toString(), "http://localhost:" + port, key, location)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = run.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(finished).as("the SDK script finished within 5 minutes:\n%s", log).isTrue();
        assertThat(run.exitValue()).as("SDK conformance:\n%s", log).isZero();
        assertThat(log).contains("steps passed");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }
}
