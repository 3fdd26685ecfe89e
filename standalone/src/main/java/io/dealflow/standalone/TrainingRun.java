package io.dealflow.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * With {@code dealflow.training-run=true} the server starts completely (database, migrations, processors, HTTP) and
 * then stops cleanly. The build runs it once under {@code -XX:ArchiveClassesAtExit} to record the classes a start
 * loads in a class-data sharing archive, which the documented run command then maps instead of loading them again.
 */
@Component
@ConditionalOnProperty(name = "dealflow.training-run", havingValue = "true")
class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        // SpringApplication.exit closes the context first, so the embedded PostgreSQL stops before the JVM does.
        System.exit(SpringApplication.exit(event.getApplicationContext()));
    }
}
