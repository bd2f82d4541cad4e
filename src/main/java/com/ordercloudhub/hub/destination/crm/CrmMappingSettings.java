package com.ordercloudhub.hub.destination.crm;

import com.ordercloudhub.hub.destination.MappingInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the CRM mappings (mappings/crm/) read under {@code hub.settings}: the external-ID field name
 * and the Opportunity stage configured for this event type ({@code hub.crm.stages}).
 */
@Component
class CrmMappingSettings implements MappingInput.Settings {

  private final CrmProperties properties;

  CrmMappingSettings(CrmProperties properties) {
    this.properties = properties;
  }

  @Override
  public String destination() {
    return "crm";
  }

  @Override
  public Map<String, Object> forEvent(String eventType) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("externalIdField", properties.externalIdField());
    String key = eventType == null ? "" : eventType.replace('.', '-');
    settings.put("stage", properties.stages().get(key));
    return settings;
  }
}
