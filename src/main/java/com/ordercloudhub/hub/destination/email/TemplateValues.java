package com.ordercloudhub.hub.destination.email;

import com.github.jknack.handlebars.ValueResolver;
import com.github.jknack.handlebars.context.MapValueResolver;
import java.util.Map;
import java.util.Set;

/**
 * Looks template variables up in any case, as Mandrill does: {@code {{TOTAL}}}, {@code {{OrderID}}}
 * and {@code {{total}}} are the same variable. Leading dashes are ignored too ({@code
 * {{--QUANTITY}}} in OrderCloud's return templates). An exact match always wins.
 */
final class TemplateValues implements ValueResolver {

  static final TemplateValues INSTANCE = new TemplateValues();

  private TemplateValues() {}

  @Override
  public Object resolve(Object context, String name) {
    RenderBudget.tick(); // every lookup is a step of the render (RenderBudget)
    Object exact = MapValueResolver.INSTANCE.resolve(context, name);
    if (exact != UNRESOLVED || !(context instanceof Map<?, ?> map)) {
      return exact;
    }
    String wanted = name.replaceFirst("^-+", "");
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getKey() instanceof String key && key.equalsIgnoreCase(wanted)) {
        return entry.getValue() == null ? UNRESOLVED : entry.getValue();
      }
    }
    return UNRESOLVED;
  }

  @Override
  public Object resolve(Object context) {
    return MapValueResolver.INSTANCE.resolve(context);
  }

  @Override
  public Set<Map.Entry<String, Object>> propertySet(Object context) {
    return MapValueResolver.INSTANCE.propertySet(context);
  }
}
