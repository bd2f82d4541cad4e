package com.ordercloudhub.hub.event;

import java.util.List;
import java.util.Locale;

/** OrderCloud's 23 Message Sender message types (SPEC §6.3), in the SDK's order. */
public final class MessageTypes {

  public static final List<String> ALL =
      List.of(
          "OrderDeclined",
          "OrderSubmitted",
          "ShipmentCreated",
          "ForgottenPassword",
          "ForgottenUsername",
          "OrderSubmittedForYourApproval",
          "OrderSubmittedForApproval",
          "OrderApproved",
          "OrderSubmittedForYourApprovalHasBeenApproved",
          "OrderSubmittedForYourApprovalHasBeenDeclined",
          "NewUserInvitation",
          "OrderReturnDeclined",
          "OrderReturnSubmitted",
          "OrderReturnSubmittedForYourApproval",
          "OrderReturnSubmittedForApproval",
          "OrderReturnApproved",
          "OrderReturnSubmittedForYourApprovalHasBeenApproved",
          "OrderReturnSubmittedForYourApprovalHasBeenDeclined",
          "OrderReturnCompleted",
          "SubscriptionReminder",
          "ProductCollectionInvitationAccepted",
          "ProductCollectionInvitationDeclined",
          "OneTimePassword");

  private MessageTypes() {}

  /** The hub event type of a message: {@code message.<type in lower case>}. */
  public static String eventType(String messageType) {
    return "message." + messageType.toLowerCase(Locale.ROOT);
  }

  public static boolean isKnown(String messageType) {
    return ALL.stream().anyMatch(t -> t.equalsIgnoreCase(messageType));
  }
}
