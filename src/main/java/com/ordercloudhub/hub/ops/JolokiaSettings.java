package com.ordercloudhub.hub.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the Jolokia endpoint behind Hawtio.
 *
 * @param maxBodySize largest Jolokia POST accepted (Hawtio's permission check of every MBean is one
 *     bulk request: about 700 KB for the shipped routes)
 */
@ConfigurationProperties("hub.jolokia")
record JolokiaSettings(@DefaultValue("4MB") DataSize maxBodySize) {}
