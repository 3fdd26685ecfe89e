package io.dealflow.standalone;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the configuration is known, before the
 * application context is refreshed: initdb and the postmaster's start then overlap with building the context instead
 * of following it. The start is registered as a bean, which {@link EmbeddedDatabaseConfiguration} waits for.
 */
class EmbeddedDatabaseEarlyStart implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN_NAME = "embeddedDatabaseStart";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (!EmbeddedDatabaseConfiguration.isWanted(environment)
                || !(event.getApplicationContext() instanceof GenericApplicationContext context)
                || context.containsBeanDefinition(BEAN_NAME)) {
            return;
        }
        Path dataDirectory = Path.of(environment.getProperty("dealflow.data-dir", "./data"));
        int poolSize = environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 20);
        EmbeddedDatabaseStart start = EmbeddedDatabaseStart.begin(dataDirectory, poolSize);
        context.registerBean(BEAN_NAME, EmbeddedDatabaseStart.class, () -> start,
                definition -> definition.setDestroyMethodName("close"));
    }
}
