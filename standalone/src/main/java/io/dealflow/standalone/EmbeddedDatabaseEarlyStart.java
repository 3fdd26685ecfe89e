package io.dealflow.standalone;

import com.zaxxer.hikari.HikariConfig;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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
    private static final int DEFAULT_POOL_SIZE = 20;

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (!EmbeddedDatabaseConfiguration.isWanted(environment)
                || !(event.getApplicationContext() instanceof GenericApplicationContext context)
                || context.containsBeanDefinition(BEAN_NAME)) {
            return;
        }
        Path dataDirectory = Path.of(environment.getProperty("dealflow.data-dir", "./data"));
        EmbeddedDatabaseStart start = EmbeddedDatabaseStart.begin(dataDirectory, poolSettings(environment));
        context.registerBean(BEAN_NAME, EmbeddedDatabaseStart.class, () -> start,
                definition -> definition.setDestroyMethodName("close"));
    }

    /**
     * Boot's {@code spring.datasource.hikari.*} as it would apply them to its own pool (size, timeouts, driver
     * properties), so the embedded database's pool behaves like an external one's.
     */
    static HikariConfig poolSettings(Environment environment) {
        HikariConfig settings = new HikariConfig();
        settings.setMaximumPoolSize(DEFAULT_POOL_SIZE);
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(settings));
        return settings;
    }
}
