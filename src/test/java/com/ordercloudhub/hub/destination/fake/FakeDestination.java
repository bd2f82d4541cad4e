package com.ordercloudhub.hub.destination.fake;

import com.ordercloudhub.hub.delivery.Destination;
import com.ordercloudhub.hub.delivery.FailureClassifier.Failure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.bean.BeanEndpoint;

/** A destination that exists only in tests, plugged in through the SPI alone. */
class FakeDestination implements Destination {

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Map<String, Object> mappingSettings(String eventType) {
    return Map.of("greeting", "hello " + eventType);
  }

  @Override
  public Optional<Failure> classify(Throwable cause, Exchange exchange) {
    if (cause instanceof FakeSystem.Refused refused) {
      return Optional.of(new Failure(true, "The fake system refused " + refused.getMessage()));
    }
    if (cause instanceof FakeSystem.Busy busy) {
      return Optional.of(new Failure(false, "The fake system is busy with " + busy.getMessage()));
    }
    return Optional.empty();
  }

  @Override
  public Optional<Map<String, Object>> describe(Endpoint endpoint, Exchange exchange) {
    if (!(endpoint instanceof BeanEndpoint bean) || !"fakeSystem".equals(bean.getBeanName())) {
      return Optional.empty();
    }
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "fake");
    call.put("order", FakeSystem.orderId(exchange));
    return Optional.of(call);
  }
}
