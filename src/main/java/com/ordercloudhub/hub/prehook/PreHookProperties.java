package com.ordercloudhub.hub.prehook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pre-hooks: how long the hub may take to answer, what it does when a check cannot finish, and the
 * rules' settings.
 *
 * @param threads workers answering pre-hook calls (apart from post-hooks and messages)
 * @param checkThreads workers running checks, so a slow check never holds an answer past its budget
 * @param budget time from receiving a pre-hook to answering it, end to end
 * @param answerMargin kept back from the budget for writing the answer: checks still running when
 *     only this much is left are cut, so that a burst of answers (fifty shoppers' calls timing out
 *     at once on a busy machine) still leaves within the budget
 * @param policy what a check that times out or fails means, unless the event type says otherwise
 * @param events per event type (dashes: {@code address-saved}): its own budget and policy
 * @param address address.saved rules
 * @param orderSubmitted order.submitted rules
 * @param userCreated user.created rules
 */
@Validated
@ConfigurationProperties("hub.prehooks")
public record PreHookProperties(
    @DefaultValue("200") @Min(1) @Max(2000) int threads,
    @DefaultValue("200") @Min(1) @Max(2000) int checkThreads,
    @DefaultValue("3s") Duration budget,
    @DefaultValue("250ms") Duration answerMargin,
    @DefaultValue("fail-open") Policy policy,
    @DefaultValue Map<String, EventSettings> events,
    @DefaultValue Address address,
    @DefaultValue OrderSubmitted orderSubmitted,
    @DefaultValue UserCreated userCreated) {

  /** What an unfinished check means for the answer. */
  public enum Policy {
    /** Proceed; the recorded decision says the event was not checked. */
    FAIL_OPEN,
    /** Block with a message that asks the shopper to try again. */
    FAIL_CLOSED
  }

  /**
   * @param budget this event type's budget, or null for the default
   * @param policy this event type's policy, or null for the default
   */
  public record EventSettings(Duration budget, Policy policy) {}

  /**
   * @param validationUrl {@code ADDRESS_VALIDATION_URL}: an external check to POST the address to
   * @param timeout how long the external check may take (the budget still caps it)
   */
  public record Address(String validationUrl, @DefaultValue("2s") Duration timeout) {}

  /**
   * @param maxTotal the largest order total allowed; ConfigData {@code maxOrderTotal} overrides it
   * @param minTotal the smallest order total allowed; ConfigData {@code minOrderTotal} overrides it
   * @param requiredXp order xp properties that must be set; ConfigData {@code requiredXp} adds to
   *     it
   * @param erpCheck ask the ERP ({@code POST {ERP_BASE_URL}/order-checks}) for credit or stock
   */
  public record OrderSubmitted(
      BigDecimal maxTotal,
      BigDecimal minTotal,
      @DefaultValue List<String> requiredXp,
      @DefaultValue("false") boolean erpCheck) {}

  /**
   * @param allowedDomains per buyer ID, the e-mail domains a new user may have; {@code "*"} for
   *     every buyer without its own entry
   */
  public record UserCreated(@DefaultValue Map<String, List<String>> allowedDomains) {}

  public Duration budgetFor(String eventType) {
    EventSettings own = events.get(dashed(eventType));
    return own != null && own.budget() != null ? own.budget() : budget;
  }

  public Policy policyFor(String eventType) {
    EventSettings own = events.get(dashed(eventType));
    return own != null && own.policy() != null ? own.policy() : policy;
  }

  static String dashed(String eventType) {
    return eventType == null ? "" : eventType.replace('.', '-');
  }
}
