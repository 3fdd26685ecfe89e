package io.dealflow.standalone.workspace;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A headless Chromium driven through chromedriver, both from Debian's packages. On a fresh Debian machine where the
 * tests run as root (CI), the first use installs them with apt-get; anywhere else a missing browser fails the test
 * with a message saying what to install, never skips it. {@code -Ddealflow.chromium=} and
 * {@code -Ddealflow.chromedriver=} point at other binaries.
 */
final class Chromium {

    private static final String BROWSER = System.getProperty("dealflow.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("dealflow.chromedriver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Starts a browser with a fresh profile, 1280×800. */
    static ChromeDriver start() throws IOException, InterruptedException {
        ensureInstalled();
        Path profile = Files.createTempDirectory("dealflow-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    private static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of(BROWSER)) && Files.isExecutable(Path.of(DRIVER))) {
            return;
        }
        boolean debian = Files.exists(Path.of("/usr/bin/apt-get"));
        if (!debian || !root()) {
            throw new IllegalStateException("The browser tests need Chromium and chromedriver (" + BROWSER + ", "
                    + DRIVER + "). Install them (Debian: apt-get install -y chromium chromium-driver) or pass"
                    + " -Ddealflow.chromium=<browser> -Ddealflow.chromedriver=<driver>.");
        }
        run("apt-get", "update");
        run("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver");
        if (!Files.isExecutable(Path.of(BROWSER)) || !Files.isExecutable(Path.of(DRIVER))) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver but " + BROWSER + " or "
                    + DRIVER + " is still missing");
        }
    }

    private static boolean root() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        return id.waitFor() == 0 && uid.equals("0");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit);
        }
    }
}
