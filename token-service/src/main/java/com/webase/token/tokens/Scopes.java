package com.webase.token.tokens;

import java.util.List;

/** What an API token may be allowed to do (DESIGN §5). The default token may do all of it. */
public final class Scopes {

  public static final List<String> ALL =
      List.of("apps:read", "apps:write", "records:read", "records:write", "deploy");

  private Scopes() {}
}
