package io.dealflow.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTest {

    @Test
    void runsTheQuickModeWithoutArguments() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.mode()).isEqualTo("quick");
        assertThat(options.commandClients()).isEqualTo(16);
        assertThat(options.queryClients()).isEqualTo(8);
        assertThat(options.pipelines()).isEqualTo(20);
        assertThat(options.opportunities()).isEqualTo(3_000);
        assertThat(options.querySizes()).containsExactly(50_000);
        assertThat(options.jar()).isEqualTo(Path.of("standalone/target/dealflow/dealflow-standalone.jar"));
        assertThat(options.resultsDirectory()).isEqualTo(Path.of("benchmarks/results"));
    }

    @Test
    void measuresQueriesAtAMillionInTheFullMode() {
        BenchOptions options = BenchOptions.parse("--full");

        assertThat(options.querySizes()).containsExactly(100_000, 1_000_000);
        assertThat(options.opportunities()).isEqualTo(10_000);
        assertThat(options.commandsDuration()).isGreaterThan(BenchOptions.parse("--quick").commandsDuration());
        assertThat(options.baselineDuration()).isGreaterThan(BenchOptions.parse("--quick").baselineDuration());
    }

    @Test
    void takesJarResultsClientsOpenLoopAndServerOptions() {
        BenchOptions options = BenchOptions.parse("--smoke", "--jar", "x.jar", "--results", "out", "--clients", "4",
                "--open-loop", "500", "--server-jvm", "-Xmx512m", "--server-jvm", "-XX:+UseSerialGC");

        assertThat(options.mode()).isEqualTo("smoke");
        assertThat(options.jar()).isEqualTo(Path.of("x.jar"));
        assertThat(options.resultsDirectory()).isEqualTo(Path.of("out"));
        assertThat(options.commandClients()).isEqualTo(4);
        assertThat(options.openLoopRate()).isEqualTo(500);
        assertThat(options.serverJvmOptions()).isEqualTo(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        assertThat(options.commandsDuration()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void startsTheServerWithTheReadmeRunCommandsOptionsUnlessToldOtherwise(@TempDir Path build) throws Exception {
        Path jar = Files.createFile(build.resolve("dealflow-standalone.jar"));

        assertThat(BenchOptions.parse("--jar", jar.toString()).serverJvmOptions())
                .containsExactly("-Xmx384m", "-XX:+UseSerialGC");
        Path archive = Files.createFile(build.resolve("dealflow.jsa"));
        assertThat(BenchOptions.parse("--jar", jar.toString()).serverJvmOptions())
                .containsExactly("-Xmx384m", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive.toAbsolutePath());
        assertThat(BenchOptions.parse("--jar", jar.toString(), "--server-jvm", "-Xmx1g").serverJvmOptions())
                .containsExactly("-Xmx1g");
    }

    @Test
    void defaultsToTheReadmeRunCommand() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String runCommand = readme.lines().filter(line -> line.startsWith("./mvnw -B -q package -DskipTests && java"))
                .findFirst().orElseThrow();

        List<String> expected = new ArrayList<>(ServerProcess.README_JVM_OPTIONS);
        expected.add("-XX:SharedArchiveFile=standalone/target/dealflow/dealflow.jsa");
        expected.addAll(List.of("-jar", BenchOptions.parse().jar().toString()));
        assertThat(runCommand).endsWith("&& java " + String.join(" ", expected));
    }

    @Test
    void takesServerArgumentsPreloadSizeAndScenarios() {
        BenchOptions options = BenchOptions.parse("--server-arg", "--server.tomcat.threads.max=50",
                "--opportunities", "2000", "--scenarios", "commands,replay");

        assertThat(options.serverArguments()).containsExactly("--server.tomcat.threads.max=50");
        assertThat(options.opportunities()).isEqualTo(2000);
        assertThat(options.scenarios()).containsExactlyInAnyOrder("commands", "replay");
        assertThat(BenchOptions.parse().scenarios()).containsExactlyInAnyOrder("commands", "queries", "replay");
    }

    @Test
    void runsSeveralApiNodesForTheCommandsScenarioOnly() {
        assertThat(BenchOptions.parse().apiNodes()).isZero();
        assertThat(BenchOptions.parse("--scenarios", "commands", "--api-nodes", "2").apiNodes()).isEqualTo(2);
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--api-nodes", "2"))
                .withMessageContaining("--api-nodes runs --scenarios commands only");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--api-nodes", "0"))
                .withMessageContaining("positive whole number");
    }

    @Test
    void rejectsUnknownScenarios() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--scenarios", "commands,load"))
                .withMessageContaining("scenarios are");
    }

    @Test
    void writesNoResultsWhenAskedNotTo() {
        assertThat(BenchOptions.parse("--no-results").resultsDirectory()).isNull();
    }

    @Test
    void rejectsUnknownArgumentsWithTheUsage() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--fast"))
                .withMessageContaining("unknown argument --fast").withMessageContaining("usage:");
    }

    @Test
    void rejectsMissingAndNonPositiveValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--clients"))
                .withMessageContaining("--clients needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--clients", "0"))
                .withMessageContaining("positive whole number");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--open-loop", "fast"))
                .withMessageContaining("positive whole number");
    }
}
