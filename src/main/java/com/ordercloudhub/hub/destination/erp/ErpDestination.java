package com.ordercloudhub.hub.destination.erp;

import com.ordercloudhub.hub.delivery.Destination;
import java.util.Optional;

/**
 * One ERP instance as a destination: its legs go to {@code direct:<name>-deliver-event}, and are
 * skipped while its base URL (or its authentication's secrets) are not set. Its HTTP failures are
 * classified by the generic rules (camel-http), its calls described as HTTP requests.
 */
class ErpDestination implements Destination {

  private final String name;
  private final ErpInstances instances;

  ErpDestination(String name, ErpInstances instances) {
    this.name = name;
    this.instances = instances;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> missing() {
    return instances.instance(name).missing();
  }
}
