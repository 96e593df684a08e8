// Named tokens: create one with a name, scopes and an expiry (shown once, with Copy), see them with
// their last use, and revoke one. Creating needs a recent sign-in, as revealing does.
import { api, formatTime, reauthenticate, say, showFieldErrors } from "../api.js";
import { copyText } from "../clipboard.js";
import { confirmWith } from "../dialog.js";

const SCOPES = [
  "account:read",
  "account:write",
  "apps:read",
  "apps:write",
  "records:read",
  "records:write",
  "deploy",
];
const DAY_MS = 24 * 60 * 60 * 1000;

const form = document.getElementById("named-token-form");
const name = document.getElementById("named-token-name");
const expiry = document.getElementById("named-token-expiry");
const scopes = document.getElementById("named-token-scopes");
const message = document.getElementById("named-token-message");
const created = document.getElementById("named-token-created");
const createdValue = document.getElementById("named-token-value");
const rows = document.getElementById("named-tokens");

const fields = {
  name: { input: name, message: document.getElementById("named-token-name-message") },
  scopes: { input: null, message: document.getElementById("named-token-scopes-message") },
  expiresAt: { input: expiry, message: document.getElementById("named-token-expiresAt-message") },
};

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

async function refresh() {
  try {
    const page = await api("GET", "/api/v1/tokens?limit=100");
    rows.replaceChildren();
    const named = page.items.filter((token) => token.kind === "named");
    if (named.length === 0) {
      const row = document.createElement("tr");
      const empty = cell("No named tokens yet.");
      empty.colSpan = 7;
      row.append(empty);
      rows.append(row);
    }
    for (const token of named) {
      const row = document.createElement("tr");
      row.append(
        cell(token.name),
        cell(token.display),
        cell(token.active ? "active" : token.revokedAt ? "revoked" : "expired"),
        cell(token.scopes.join(", ")),
        cell(token.lastUsedAt ? formatTime(token.lastUsedAt) : "never"),
        cell(formatTime(token.expiresAt)),
      );
      const actions = document.createElement("td");
      if (token.active) {
        const revoke = document.createElement("button");
        revoke.type = "button";
        revoke.className = "secondary";
        revoke.textContent = "Revoke";
        revoke.setAttribute("aria-label", "Revoke " + token.name);
        revoke.addEventListener("click", () => onRevoke(token));
        actions.append(revoke);
      }
      row.append(actions);
      rows.append(row);
    }
  } catch (problem) {
    say(message, problem.message, "error");
  }
}

async function onCreate(event) {
  event.preventDefault();
  showFieldErrors(fields, null);
  say(message, "");
  const chosen = SCOPES.filter((scope) => document.getElementById("scope-" + scope.replace(":", "-")).checked);
  const expiresAt = new Date(Date.now() + Number(expiry.value) * DAY_MS - 60_000).toISOString();
  try {
    const result = await api("POST", "/api/v1/tokens", { name: name.value, scopes: chosen, expiresAt });
    createdValue.textContent = result.token;
    created.hidden = false;
    say(document.getElementById("named-token-copy-message"), "");
    form.reset();
    say(message, "Token “" + result.details.name + "” created.", "ok");
    document.getElementById("named-token-copy").focus();
    refresh();
  } catch (problem) {
    if (problem.slug === "recent-login-required") {
      say(message, "Confirm it is you: sign in again, then create the token.");
      reauthenticate(problem, "/settings#api");
      return;
    }
    if (!showFieldErrors(fields, problem)) {
      say(message, problem.message, "error");
    }
  }
}

async function onRevoke(token) {
  document.getElementById("revoke-text").textContent =
    "Programs using “" + token.name + "” (" + token.display + ") get 401 from their next request on.";
  if (!(await confirmWith(document.getElementById("revoke-dialog")))) {
    return;
  }
  try {
    await api("DELETE", "/api/v1/tokens/" + encodeURIComponent(token.id));
    say(message, "Token “" + token.name + "” revoked.", "ok");
    refresh();
  } catch (problem) {
    say(message, problem.message, "error");
  }
}

export function startNamedTokens() {
  for (const scope of SCOPES) {
    const id = "scope-" + scope.replace(":", "-");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.value = scope;
    label.append(box, " " + scope);
    scopes.append(label);
  }
  form.addEventListener("submit", onCreate);
  document.getElementById("named-token-copy").addEventListener("click", async () => {
    const copied = await copyText(createdValue.textContent);
    say(document.getElementById("named-token-copy-message"), copied ? "Copied to the clipboard." : "Could not copy: select the token and copy it.", copied ? "ok" : "error");
  });
  refresh();
}
