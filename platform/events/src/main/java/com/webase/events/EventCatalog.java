package com.webase.events;

import com.webase.events.account.AccountCreated;
import com.webase.events.account.AccountDeleted;
import com.webase.events.account.EmailChangeRequested;
import com.webase.events.account.EmailChanged;
import com.webase.events.account.PasswordChanged;
import com.webase.events.account.ProfileUpdated;
import com.webase.events.apps.AppCreated;
import com.webase.events.apps.AppDeleted;
import com.webase.events.apps.AppUpdated;
import com.webase.events.apps.ChatMessagePosted;
import com.webase.events.apps.DeploymentCompleted;
import com.webase.events.apps.DeploymentRequested;
import com.webase.events.apps.EvaluationCompleted;
import com.webase.events.apps.EvaluationRequested;
import com.webase.events.records.ModelCreated;
import com.webase.events.records.ModelDeleted;
import com.webase.events.records.ModelUpdated;
import com.webase.events.records.RecordCreated;
import com.webase.events.records.RecordDeleted;
import com.webase.events.records.RecordUpdated;
import com.webase.events.records.RecordsCreated;
import com.webase.events.token.TokenRegenerated;
import com.webase.events.token.TokenRevoked;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type of the platform (DESIGN §6). Adding an event means adding its record and one
 * line here; the round-trip test then covers it.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventCatalog {

  private static final String ACCOUNT_SOURCE = "/webase/account-service";
  private static final String TOKEN_SOURCE = "/webase/token-service";
  private static final String APPS_SOURCE = "/webase/apps-service";
  private static final String RECORDS_SOURCE = "/webase/records-service";

  private static final EventCatalog PLATFORM =
      new EventCatalog()
          .add(AccountCreated.class, Topics.ACCOUNT, ACCOUNT_SOURCE, 1)
          .add(ProfileUpdated.class, Topics.ACCOUNT, ACCOUNT_SOURCE, 1)
          .add(EmailChangeRequested.class, Topics.ACCOUNT, ACCOUNT_SOURCE, 1)
          .add(EmailChanged.class, Topics.ACCOUNT, ACCOUNT_SOURCE, 1)
          .add(PasswordChanged.class, Topics.ACCOUNT, ACCOUNT_SOURCE, 1)
          .add(AccountDeleted.class, Topics.ACCOUNT, ACCOUNT_SOURCE, 1)
          .add(TokenRegenerated.class, Topics.TOKEN, TOKEN_SOURCE, 1)
          .add(TokenRevoked.class, Topics.TOKEN, TOKEN_SOURCE, 1)
          .add(AppCreated.class, Topics.APPS, APPS_SOURCE, 1)
          .add(AppUpdated.class, Topics.APPS, APPS_SOURCE, 1)
          .add(AppDeleted.class, Topics.APPS, APPS_SOURCE, 1)
          .add(ChatMessagePosted.class, Topics.APPS, APPS_SOURCE, 1)
          .add(EvaluationRequested.class, Topics.APPS, APPS_SOURCE, 1)
          .add(EvaluationCompleted.class, Topics.APPS, APPS_SOURCE, 1)
          .add(DeploymentRequested.class, Topics.APPS, APPS_SOURCE, 1)
          .add(DeploymentCompleted.class, Topics.APPS, APPS_SOURCE, 1)
          .add(ModelCreated.class, Topics.RECORDS, RECORDS_SOURCE, 1)
          .add(ModelUpdated.class, Topics.RECORDS, RECORDS_SOURCE, 1)
          .add(ModelDeleted.class, Topics.RECORDS, RECORDS_SOURCE, 1)
          .add(RecordCreated.class, Topics.RECORDS, RECORDS_SOURCE, 1)
          .add(RecordsCreated.class, Topics.RECORDS, RECORDS_SOURCE, 1)
          .add(RecordUpdated.class, Topics.RECORDS, RECORDS_SOURCE, 1)
          .add(RecordDeleted.class, Topics.RECORDS, RECORDS_SOURCE, 1);

  private final Map<Class<?>, EventDescriptor> byClass = new LinkedHashMap<>();
  private final Map<String, EventDescriptor> byType = new LinkedHashMap<>();

  private EventCatalog() {}

  /** The catalog of every event the platform defines. */
  public static EventCatalog platform() {
    return PLATFORM;
  }

  private EventCatalog add(
      Class<? extends WebaseEvent> type, String topic, String source, int schemaVersion) {
    String family = topic.split("\\.")[1];
    var descriptor =
        new EventDescriptor(
            "com.webase." + family + "." + type.getSimpleName(),
            schemaVersion,
            topic,
            source,
            type);
    byClass.put(type, descriptor);
    byType.put(descriptor.type(), descriptor);
    return this;
  }

  /** The descriptor of an event class; fails for a class that is not in the catalog. */
  public EventDescriptor of(Class<? extends WebaseEvent> type) {
    EventDescriptor descriptor = byClass.get(type);
    if (descriptor == null) {
      throw new IllegalArgumentException(type.getName() + " is not in the event catalog");
    }
    return descriptor;
  }

  /** The descriptor for a CloudEvents {@code type}, empty for a type this build does not know. */
  public Optional<EventDescriptor> byType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  public Collection<EventDescriptor> all() {
    return byClass.values();
  }
}
