package com.ordercloudhub.hub.reload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live reload of route files (on in the dev profile).
 *
 * @param enabled watch the folders of {@code camel.main.routes-include-pattern} and apply edited
 *     route files that pass the route check, without a restart
 * @param quietPeriod wait this long after the last change before checking (editors write a file in
 *     several steps)
 */
@ConfigurationProperties("hub.reload")
record ReloadProperties(
    @DefaultValue("false") boolean enabled, @DefaultValue("300ms") Duration quietPeriod) {}
