package com.webase.events.account;

import com.webase.events.WebaseEvent;

/** Events of {@code account-service}, on topic {@link com.webase.events.Topics#ACCOUNT}. */
public sealed interface AccountEvent extends WebaseEvent
    permits AccountCreated,
        ProfileUpdated,
        EmailChangeRequested,
        EmailChanged,
        PasswordChanged,
        AccountDeleted {

  String accountId();

  @Override
  default String subject() {
    return accountId();
  }
}
