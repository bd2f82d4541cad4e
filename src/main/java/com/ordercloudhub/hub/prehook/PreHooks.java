package com.ordercloudhub.hub.prehook;

import org.springframework.stereotype.Component;

/** Pre-hook decisions the routes compose. Until rules exist, every event type proceeds. */
@Component("preHooks")
public class PreHooks {

  public PreHookDecision proceed() {
    return PreHookDecision.proceedUnchecked();
  }
}
