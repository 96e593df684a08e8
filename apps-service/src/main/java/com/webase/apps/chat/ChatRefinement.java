package com.webase.apps.chat;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.apps.chat.refining.ChatTurn;
import com.webase.apps.chat.refining.Refinement;
import com.webase.apps.chat.refining.RefinementRequest;
import com.webase.apps.chat.refining.Refiner;
import com.webase.apps.files.Revision;
import com.webase.apps.files.SourceFiles;
import com.webase.events.EventEnvelope;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import com.webase.events.apps.ChatMessagePosted;
import com.webase.platform.events.EventInbox;
import com.webase.platform.events.PreparedEventHandler;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Answers each user message, off the request thread: the refiner works on a snapshot of the app's
 * files (outside any transaction — an AI-backed refiner may take a minute), then its change is
 * checked and written as one revision and the reply recorded, in one transaction, or — when the
 * change does not apply, or the app changed meanwhile — nothing is written but a reply saying why.
 */
@Component
class ChatRefinement {

  private static final Logger log = LoggerFactory.getLogger(ChatRefinement.class);

  private final EventInbox inbox;
  private final Apps apps;
  private final SourceFiles files;
  private final ChatStore store;
  private final Chat chat;
  private final Refiner refiner;
  private final ChatProperties properties;
  private final Clock clock;

  ChatRefinement(
      EventInbox inbox,
      Apps apps,
      SourceFiles files,
      ChatStore store,
      Chat chat,
      Refiner refiner,
      ChatProperties properties,
      Clock clock) {
    this.inbox = inbox;
    this.apps = apps;
    this.files = files;
    this.store = store;
    this.chat = chat;
    this.refiner = refiner;
    this.properties = properties;
    this.clock = clock;
  }

  /** What the refiner made of a message, against revision {@code base}. */
  record Prepared(UUID appId, int base, ChatMessage message, Refinement refinement) {}

  @KafkaListener(
      topics = Topics.APPS,
      groupId = "${webase.apps.consumer-group:apps-service}-chat",
      concurrency = "3")
  void on(ConsumerRecord<String, byte[]> record) {
    if (!inbox.carries(record, ChatMessagePosted.class)) {
      return;
    }
    inbox.handle(
        record,
        new PreparedEventHandler<Prepared>() {
          @Override
          public Prepared prepare(WebaseEvent event, EventEnvelope envelope) {
            return refine((ChatMessagePosted) event);
          }

          @Override
          public void apply(WebaseEvent event, EventEnvelope envelope, Prepared prepared) {
            if (prepared != null) {
              answer(prepared);
            }
          }
        });
  }

  private Prepared refine(ChatMessagePosted posted) {
    if (!ChatMessage.USER.equals(posted.role())) {
      return null;
    }
    UUID appId = UUID.fromString(posted.appId());
    App app = apps.find(appId).orElse(null);
    ChatMessage message =
        app == null ? null : store.find(appId, UUID.fromString(posted.messageId())).orElse(null);
    if (message == null) {
      return null; // the app was deleted meanwhile
    }
    List<ChatTurn> history = new ArrayList<>();
    store
        .page(appId, message.createdAt(), message.id(), properties.historyMessages())
        .reversed()
        .forEach(m -> history.add(new ChatTurn(m.role(), m.content())));
    Refinement refinement;
    try {
      refinement =
          refiner.refine(
              new RefinementRequest(
                  app.id().toString(),
                  files.snapshot(app.id(), app.revision()),
                  history,
                  message.content()));
    } catch (RuntimeException e) {
      log.error("the refiner failed on message {} of app {}", message.id(), appId, e);
      refinement =
          new Refinement.NoChange(
              "Something went wrong on our side while working on this message; nothing was"
                  + " changed. Send it again in a moment.");
    }
    return new Prepared(appId, app.revision(), message, refinement);
  }

  private void answer(Prepared prepared) {
    App app = apps.lock(prepared.appId()).orElse(null);
    if (app == null) {
      return;
    }
    String reply = bounded(prepared.refinement().reply());
    Integer produced = null;
    if (prepared.refinement() instanceof Refinement.Change change) {
      if (app.revision() != prepared.base()) {
        reply =
            "Nothing was changed: the app's files changed while this message was being worked on"
                + " (revision "
                + prepared.base()
                + ", now "
                + app.revision()
                + "). Send the message again to apply it to the current files.";
      } else {
        try {
          SourceFiles.Plan plan = files.plan(app, change.changes());
          Revision revision = files.commit(app, plan, "chat");
          if (plan.changed()) {
            produced = revision.number();
            reply = reply + " (revision " + revision.number() + ")";
          } else {
            reply = "Nothing was changed: the files already have this content.";
          }
        } catch (ProblemException refused) {
          reply = "Nothing was changed: " + describe(refused);
        }
      }
    }
    chat.record(
        app, ChatMessage.ASSISTANT, reply, produced, prepared.message().id(), clock.instant());
  }

  /** An AI builder's reply may be of any length; the chat keeps the first 20,000 characters. */
  static String bounded(String reply) {
    return reply.length() <= MAX_REPLY ? reply : reply.substring(0, MAX_REPLY - 1) + "…";
  }

  static final int MAX_REPLY = 20_000;

  private static String describe(ProblemException problem) {
    Object errors = problem.properties().get("errors");
    if (errors instanceof List<?> list && !list.isEmpty()) {
      return list.stream()
              .map(
                  e ->
                      e instanceof ProblemResponses.FieldError f
                          ? f.field() + " " + f.reason()
                          : e.toString())
              .collect(Collectors.joining("; "))
          + ".";
    }
    return problem.getMessage();
  }
}
