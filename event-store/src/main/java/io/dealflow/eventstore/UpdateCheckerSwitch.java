package io.dealflow.eventstore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon's update checker reads only system properties, environment variables and a file in the home directory, not
 * Spring properties. These machines have no internet, so the Spring property {@code axoniq.update-checker.disabled}
 * (default true) is copied into the system property before Axon starts, in every application and test.
 */
public class UpdateCheckerSwitch implements EnvironmentPostProcessor {

    private static final String PROPERTY = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, environment.getProperty(PROPERTY, "true"));
        }
    }
}
