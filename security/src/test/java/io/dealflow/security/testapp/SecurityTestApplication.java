package io.dealflow.security.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A bare application with the security auto-configuration and a few probe endpoints shaped like dealflow's, for the
 * module's own tests.
 */
@SpringBootApplication
public class SecurityTestApplication {
}
