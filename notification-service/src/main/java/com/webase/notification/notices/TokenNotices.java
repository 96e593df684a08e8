package com.webase.notification.notices;

import com.webase.events.token.TokenRegenerated;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A regenerated API token is a security notice — never with the token in it. Token events carry
 * only the user id, so the mail goes to the account's address; when the regeneration overtook
 * {@code AccountCreated}, it waits for that address (decision 0014).
 */
@Component
class TokenNotices implements NoticeRule<TokenRegenerated> {

  public Class<TokenRegenerated> handles() {
    return TokenRegenerated.class;
  }

  public List<Notice> noticesFor(TokenRegenerated event, Context context) {
    String when = Times.readable(event.occurredAt());
    boolean grace = event.oldTokenValidUntil().isAfter(event.occurredAt());
    String oldToken =
        grace
            ? "The previous token keeps working until "
                + Times.readable(event.oldTokenValidUntil())
                + "."
            : "The previous token stopped working at once.";
    return List.of(
        new Notice.InApp(
            event.userId(), "token-regenerated", "API token regenerated", oldToken, null),
        Notice.Email.toAccount(
            "token-regenerated",
            event.userId(),
            null,
            Map.of("when", when, "oldToken", oldToken, "portalUrl", context.portalUrl())));
  }
}
