// Account Settings: the navigation bar, then each section from its own module.
import { startPage } from "./nav.js";
import { startProfile } from "./settings/profile.js";
import { startPassword } from "./settings/password.js";
import { startApiToken } from "./settings/api-token.js";
import { startNamedTokens } from "./settings/named-tokens.js";
import { startActivity } from "./settings/activity.js";

const started = await startPage();
if (started) {
  startProfile(started.account);
  startPassword();
  startApiToken();
  startNamedTokens();
  startActivity();
  if (window.location.hash) {
    document.getElementById(window.location.hash.substring(1))?.scrollIntoView();
  }
}
