package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercloudhub.hub.config.SettingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static SecretBox box(String key) {
    return new SecretBox(StoreProperties.of(key, List.of(), List.of()));
  }

  @Test
  void sealedValuesOpenOnlyForTheirOwnEvent() {
    SecretBox box = box(SecretBox.newKey());

    String sealed = box.seal("{\"/EventBody/OneTimePassword\":\"123456\"}", "event-1");

    assertThat(sealed).startsWith("v1.").doesNotContain("123456");
    assertThat(box.open(sealed, "event-1")).contains("123456");
    assertThatThrownBy(() -> box.open(sealed, "event-2")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSameSecretSealsDifferentlyEachTime() {
    SecretBox box = box(SecretBox.newKey());

    assertThat(box.seal("x", "e")).isNotEqualTo(box.seal("x", "e"));
  }

  @Test
  void anotherKeyCannotOpenIt() {
    String sealed = box(SecretBox.newKey()).seal("secret", "e");

    assertThatThrownBy(() -> box(SecretBox.newKey()).open(sealed, "e"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HUB_ENCRYPTION_KEY");
  }

  @Test
  void aMissingOrMalformedKeyStopsStartUpNamingTheVariable() {
    assertThatThrownBy(() -> box(null))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("HUB_ENCRYPTION_KEY");
    assertThatThrownBy(() -> box("c2hvcnQ="))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> box("not base64 at all!"))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("HUB_ENCRYPTION_KEY");
  }
}
