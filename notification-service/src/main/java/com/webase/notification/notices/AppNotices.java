package com.webase.notification.notices;

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
