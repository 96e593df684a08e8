package com.webase.events.apps;

import com.webase.events.WebaseEvent;

/** Events of {@code apps-service}, on topic {@link com.webase.events.Topics#APPS}, keyed by app. */
public sealed interface AppEvent extends WebaseEvent
    permits AppCreated,
        AppUpdated,
        AppDeleted,
        ChatMessagePosted,
        EvaluationRequested,
        EvaluationCompleted,
        DeploymentRequested,
        DeploymentCompleted {

  String appId();

  String ownerId();

  @Override
  default String subject() {
    return appId();
  }
}
