/**
 * The Kafka target of OrderCloud's Delivery Configurations: a camel-kafka consumer (off unless
 * {@code hub.kafka.bootstrap-servers} is set) that parses each record like a Delivery Config body,
 * stores it as an event of origin {@code kafka} and commits its offset only after the store
 * committed; records that cannot be read are kept (without their value) in {@code
 * hub_kafka_rejected}. Also the consumer's health (broker reachable, store failing) and lag.
 */
package com.ordercloudhub.hub.kafka;
