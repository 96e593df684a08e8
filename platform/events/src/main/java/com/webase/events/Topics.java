package com.webase.events;

/** Kafka topic names. Dead letters of a topic go to the topic name plus {@link #DLT_SUFFIX}. */
public final class Topics {

  public static final String ACCOUNT = "webase.account.events";
  public static final String TOKEN = "webase.token.events";
  public static final String APPS = "webase.apps.events";
  public static final String RECORDS = "webase.records.events";

  public static final String DLT_SUFFIX = ".DLT";

  private Topics() {}

  public static String deadLetterTopicOf(String topic) {
    return topic + DLT_SUFFIX;
  }
}
