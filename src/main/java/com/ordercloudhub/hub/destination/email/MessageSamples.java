package com.ordercloudhub.hub.destination.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.MessageTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The hub's built-in sample Message Sender payload of a message type: its family's file in {@code
 * samples/messages/} (one per EventBody family, complete for every field SPEC §6.7 maps) with
 * {@code MessageType} set. Template previews render it; the route check learns from it what a
 * type's messages carry.
 */
public final class MessageSamples {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MessageSamples() {}

  /**
   * @param messageType a message type in its canonical spelling ({@link MessageTypes#canonical})
   */
  public static ObjectNode of(String messageType) {
    String resource = "/samples/messages/" + MessageTypes.family(messageType) + ".json";
    try (InputStream in = MessageSamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the hub's sample " + resource + " is missing");
      }
      ObjectNode sample = (ObjectNode) MAPPER.readTree(in);
      sample.put("MessageType", messageType);
      return sample;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
