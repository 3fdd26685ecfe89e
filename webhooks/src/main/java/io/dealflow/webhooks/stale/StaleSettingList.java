package io.dealflow.webhooks.stale;

import java.util.List;

/** Answer of {@code GET /webhooks/stale-settings}: the location's settings by pipeline. */
record StaleSettingList(List<StaleSetting> items) {
}
