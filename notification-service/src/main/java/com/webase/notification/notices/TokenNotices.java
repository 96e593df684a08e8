package com.webase.notification.notices;

import com.webase.events.token.TokenRegenerated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A regenerated API token is a security notice — never with the token in it. */
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
    List<Notice> notices = new ArrayList<>();
    notices.add(
        new Notice.InApp(
            event.userId(), "token-regenerated", "API token regenerated", oldToken, null));
    // no address known yet (the person never opened Account Settings): the in-app notice stays
    context
        .recipient(event.userId())
        .ifPresent(
            recipient ->
                notices.add(
                    new Notice.Email(
                        "token-regenerated",
                        event.userId(),
                        recipient.email(),
                        null,
                        Map.of(
                            "name",
                            recipient.name(),
                            "when",
                            when,
                            "oldToken",
                            oldToken,
                            "portalUrl",
                            context.portalUrl()))));
    return notices;
  }
}
