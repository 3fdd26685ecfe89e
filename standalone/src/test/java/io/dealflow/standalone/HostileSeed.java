package io.dealflow.standalone;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The seed and number of tries of the hostile-input properties: fixed by default, so CI runs the same inputs every
 * time and a failure reproduces, and overridable with {@code -Ddealflow.hostile.seed=<long>} and
 * {@code -Ddealflow.hostile.tries=<n>} to explore other inputs.
 */
class HostileSeed implements AroundPropertyHook {

    /** The seed CI uses. */
    static final String DEFAULT = "20261125";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("dealflow.hostile.seed");
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.strip());
        }
        String tries = System.getProperty("dealflow.hostile.tries");
        if (tries != null && !tries.isBlank() && context.attributes().tries().orElse(0) > 1) {
            context.attributes().setTries(Integer.parseInt(tries.strip()));
        }
        return property.execute();
    }
}
