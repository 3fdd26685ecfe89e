package io.dealflow.standalone;

import io.dealflow.query.audit.verify.ExportVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import java.util.Arrays;

/**
 * Runs the command side and the query side together. The sides' own application classes are left out of the scan:
 * their packages are scanned from here, once.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "io.dealflow",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class StandaloneApplication {

    private static final String VERIFY_EXPORT = "verify-export";

    /**
     * Starts the server; {@code verify-export FILE} instead checks an audit export offline, without Spring or a
     * database, and exits 0 when it is intact, 1 naming the first broken line, 2 when the file cannot be read.
     */
    public static void main(String[] args) {
        if (args.length > 0 && VERIFY_EXPORT.equals(args[0])) {
            System.exit(ExportVerifier.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
