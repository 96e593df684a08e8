package com.webase.notification.notices;

import com.webase.events.apps.ChatMessagePosted;
import com.webase.events.apps.DeploymentCompleted;
import com.webase.events.apps.EvaluationCompleted;
import java.util.List;
import org.springframework.stereotype.Component;

/** Results of work the person started in apps-service, as in-app notifications. */
final class AppNotices {

  private AppNotices() {}

  @Component
  static class Deployment implements NoticeRule<DeploymentCompleted> {
    public Class<DeploymentCompleted> handles() {
      return DeploymentCompleted.class;
    }

    public List<Notice> noticesFor(DeploymentCompleted event, Context context) {
      boolean live = "live".equals(event.outcome());
      return List.of(
          new Notice.InApp(
              event.ownerId(),
              "deployment-" + (live ? "live" : "failed"),
              live ? "Deployment live" : "Deployment failed",
              live
                  ? "Your app is live at " + event.url() + "."
                  : "Deployment " + event.deploymentId() + " did not go live.",
              live ? event.url() : null));
    }
  }

  /**
   * The builder's reply to a chat message, which arrives after the request that posted it (chat
   * refinement runs off the request thread). The person's own messages notify nobody.
   */
  @Component
  static class ChatReply implements NoticeRule<ChatMessagePosted> {
    static final int PREVIEW = 200;

    public Class<ChatMessagePosted> handles() {
      return ChatMessagePosted.class;
    }

    public List<Notice> noticesFor(ChatMessagePosted event, Context context) {
      if (!"assistant".equals(event.role())) {
        return List.of();
      }
      String content = event.content().strip();
      return List.of(
          new Notice.InApp(
              event.ownerId(),
              "chat-reply",
              "Your app's builder replied",
              content.length() > PREVIEW ? content.substring(0, PREVIEW - 1) + "…" : content,
              null));
    }
  }

  @Component
  static class Evaluation implements NoticeRule<EvaluationCompleted> {
    public Class<EvaluationCompleted> handles() {
      return EvaluationCompleted.class;
    }

    public List<Notice> noticesFor(EvaluationCompleted event, Context context) {
      boolean passed = "passed".equals(event.outcome());
      return List.of(
          new Notice.InApp(
              event.ownerId(),
              "evaluation-" + (passed ? "passed" : "failed"),
              passed ? "Evaluation passed" : "Evaluation failed",
              "Evaluation " + event.evaluationId() + " " + (passed ? "passed." : "failed."),
              null));
    }
  }
}
