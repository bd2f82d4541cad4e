package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventKindTest {

  @Test
  void eachKindHasItsLowerCaseCodeAndIsFoundByItInAnyCase() {
    assertThat(EventKind.PRE.code()).isEqualTo("pre");
    assertThat(EventKind.POST.code()).isEqualTo("post");
    assertThat(EventKind.MESSAGE.code()).isEqualTo("message");
    for (EventKind kind : EventKind.values()) {
      assertThat(EventKind.fromCode(kind.code())).contains(kind);
      assertThat(EventKind.fromCode(kind.name())).contains(kind);
    }
    assertThat(EventKind.fromCode("hook")).isEmpty();
  }
}
