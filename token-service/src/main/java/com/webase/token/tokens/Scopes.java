package com.webase.token.tokens;

import java.util.List;

/**
 * What an API token may be allowed to do (DESIGN §5). The default token may do all of it: its
 * scopes are read as {@link #ALL} whatever its row says, so a scope added here reaches every
 * default token, those made before it included (decision 0022).
 */
public final class Scopes {

  public static final List<String> ALL =
      List.of(
          "account:read",
          "account:write",
          "apps:read",
          "apps:write",
          "records:read",
          "records:write",
          "deploy");

  private Scopes() {}
}
