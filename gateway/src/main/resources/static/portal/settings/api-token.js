// The default API token: masked until Reveal, which needs a recent sign-in (sudo mode): when the
// API says so, the browser goes through the re-authentication round trip and comes back here to
// reveal. Copy, and Regenerate behind a confirmation. The full token lives only in this module's
// memory and in the page while shown; it is never stored or logged.
import { api, reauthenticate, say } from "../api.js";
import { copyText } from "../clipboard.js";
import { confirmWith } from "../dialog.js";
import { refreshActivity } from "./activity.js";

const shown = document.getElementById("api-token");
const reveal = document.getElementById("api-token-reveal");
const copy = document.getElementById("api-token-copy");
const regenerate = document.getElementById("api-token-regenerate");
const message = document.getElementById("api-token-message");

const REVEAL_AFTER_SIGN_IN = "reveal-token";

let masked = null;
let token = null;

function showMasked() {
  token = null;
  shown.textContent = masked ? masked.display.replace("…", "••••••••••••••••") : "…";
  reveal.textContent = "Reveal";
}

function showToken(value) {
  token = value;
  shown.textContent = value;
  reveal.textContent = "Hide";
}

/** Gets the full token; sends the person through the password prompt when the login is old. */
async function fullToken(then, mayAskAgain = true) {
  try {
    return (await api("GET", "/api/v1/tokens/default?reveal=true")).token;
  } catch (problem) {
    if (problem.slug === "recent-login-required" && mayAskAgain) {
      say(message, "Confirm it is you: sign in again to see the token.");
      reauthenticate(problem, "/settings?" + then + "#api");
      return null;
    }
    throw problem;
  }
}

async function onReveal(event, mayAskAgain = true) {
  say(message, "");
  if (token) {
    showMasked();
    return;
  }
  try {
    const value = await fullToken(REVEAL_AFTER_SIGN_IN, mayAskAgain);
    if (value) {
      showToken(value);
    }
  } catch (problem) {
    say(message, problem.message, "error");
  }
}

async function onCopy() {
  say(message, "");
  try {
    const value = token || (await fullToken(REVEAL_AFTER_SIGN_IN));
    if (!value) {
      return;
    }
    const copied = await copyText(value);
    say(message, copied ? "Copied to the clipboard." : "Could not copy: select the token and copy it.", copied ? "ok" : "error");
  } catch (problem) {
    say(message, problem.message, "error");
  }
}

async function onRegenerate() {
  say(message, "");
  const dialog = document.getElementById("regenerate-dialog");
  if (!(await confirmWith(dialog))) {
    return;
  }
  const grace = Number(dialog.querySelector("input[name=grace]:checked").value);
  try {
    const regenerated = await api("POST", "/api/v1/tokens/default/regenerate", {
      gracePeriodSeconds: grace,
    });
    masked = regenerated;
    showToken(regenerated.token);
    say(
      message,
      grace > 0
        ? "New token made. The old one works until " + new Date(regenerated.previousTokenValidUntil).toLocaleTimeString() + "."
        : "New token made. The old one no longer works.",
      "ok",
    );
    refreshActivity();
  } catch (problem) {
    if (problem.slug === "recent-login-required") {
      say(message, "Confirm it is you: sign in again, then regenerate.");
      reauthenticate(problem, "/settings#api");
      return;
    }
    say(message, problem.message, "error");
  }
}

export async function startApiToken() {
  reveal.addEventListener("click", onReveal);
  copy.addEventListener("click", onCopy);
  regenerate.addEventListener("click", onRegenerate);
  document.getElementById("api-example").textContent =
    'curl -H "x-api-token: $WEBASE_API_TOKEN" ' + window.location.origin + "/api/v1/apps";
  try {
    masked = await api("GET", "/api/v1/tokens/default");
    showMasked();
  } catch (problem) {
    say(message, problem.message, "error");
    return;
  }
  const params = new URLSearchParams(window.location.search);
  if (params.has(REVEAL_AFTER_SIGN_IN)) {
    // back from signing in again to reveal: reveal, and take the request out of the address
    history.replaceState(null, "", "/settings#api");
    // once only: a login that is still not recent enough must not send the browser round again
    await onReveal(null, false);
    document.getElementById("api").scrollIntoView();
  }
}
