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

  /** The EventBody family a message type carries (SPEC §6.6), e.g. {@code order-return}. */
  public static String family(String messageType) {
    String type = messageType.toLowerCase(Locale.ROOT);
    if (type.startsWith("orderreturn")) {
      return "order-return";
    }
    if (type.startsWith("order")) {
      return "order";
    }
    return switch (type) {
      case "shipmentcreated" -> "shipment";
      case "forgottenpassword", "newuserinvitation" -> "set-password";
      case "forgottenusername" -> "forgotten-username";
      case "onetimepassword" -> "one-time-password";
      case "subscriptionreminder" -> "subscription";
      case "productcollectioninvitationaccepted", "productcollectioninvitationdeclined" ->
          "product-collection";
      default -> throw new IllegalArgumentException("Not a message type: " + messageType);
    };
  }

  /** The type's canonical spelling ({@code OrderSubmitted}) for any case, if it is one. */
  public static java.util.Optional<String> canonical(String messageType) {
    return ALL.stream().filter(t -> t.equalsIgnoreCase(messageType)).findFirst();
  }

  /** The hub event type of a message: {@code message.<type in lower case>}. */
  public static String eventType(String messageType) {
    return "message." + messageType.toLowerCase(Locale.ROOT);
  }

  public static boolean isKnown(String messageType) {
    return ALL.stream().anyMatch(t -> t.equalsIgnoreCase(messageType));
  }
}
