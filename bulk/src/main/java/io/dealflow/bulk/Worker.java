package io.dealflow.bulk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread of an instance that works through bulk operations and imports, a batch at a time, taking turns
 * between the backlogs. One thread, and one database connection at a time, is the fairness rule: a 10,000-deal
 * operation goes as fast as one client sending commands one after another, and interactive commands keep the rest of
 * the connection pool and the CPU (the thread yields after every item).
 */
@Component
public class Worker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final List<Backlog> backlogs;
    private final BulkProperties properties;
    private volatile Thread thread;
    private volatile boolean running;

    Worker(List<Backlog> backlogs, BulkProperties properties) {
        this.backlogs = backlogs;
        this.properties = properties;
    }

    /** Starts once the whole application is up: its items need every command handler subscribed. */
    @EventListener(ApplicationReadyEvent.class)
    void applicationReady() {
        if (!running) {
            start();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "dealflow-bulk-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes an idle worker: a job was just added. */
    public void nudge() {
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                current.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the database pool do. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private void run() {
        while (running) {
            boolean worked = false;
            for (Backlog backlog : backlogs) {
                if (!running) {
                    return;
                }
                try {
                    worked |= backlog.workOnce();
                } catch (RuntimeException e) {
                    // The database went away or a row could not be read: the job stays where it was and is tried again.
                    LOG.warn("bulk worker: a batch failed; retrying later", e);
                    LockSupport.parkNanos(properties.idlePoll().toNanos());
                }
            }
            if (!worked) {
                LockSupport.parkNanos(properties.idlePoll().toNanos());
            }
        }
    }

    /** Whether the worker should stop between items. */
    public boolean stopping() {
        return !running;
    }
}
