package com.webase.events.token;

import com.webase.events.WebaseEvent;

/** Events of {@code token-service}, on topic {@link com.webase.events.Topics#TOKEN}. */
public sealed interface TokenEvent extends WebaseEvent permits TokenRegenerated, TokenRevoked {

  String userId();

  @Override
  default String subject() {
    return userId();
  }
}
