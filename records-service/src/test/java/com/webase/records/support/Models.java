package com.webase.records.support;

/** Model definitions the tests share. */
public final class Models {

  /** One field of every type, with limits, a default, required and unique. */
  public static final String EVERY_TYPE =
      """
      [
        {"name": "title", "type": "string", "required": true, "maxLength": 20},
        {"name": "notes", "type": "text"},
        {"name": "quantity", "type": "integer", "min": 0, "max": 1000},
        {"name": "price", "type": "number", "min": 0},
        {"name": "active", "type": "boolean", "default": true},
        {"name": "releasedOn", "type": "date"},
        {"name": "updatedTime", "type": "datetime"},
        {"name": "contact", "type": "email"},
        {"name": "homepage", "type": "url"},
        {"name": "status", "type": "enum", "values": ["draft", "live", "retired"]},
        {"name": "extra", "type": "json"},
        {"name": "sku", "type": "string", "unique": true}
      ]
      """;

  private Models() {}
}
