// Security activity: the latest entries of GET /api/v1/account/activity, newest first.
import { api, formatTime, say } from "../api.js";

const WHAT = {
  "account-created": "Account created",
  "profile-updated": "Name changed",
  "current-password-refused": "Wrong current password given",
  "email-change-requested": "Email change requested",
  "email-change-cancelled": "Email change cancelled",
  "email-changed": "Email changed",
  "password-changed": "Password changed",
  "token-regenerated": "API token regenerated",
};

export async function refreshActivity() {
  const list = document.getElementById("activity-list");
  const message = document.getElementById("activity-message");
  try {
    const page = await api("GET", "/api/v1/account/activity?limit=10");
    list.replaceChildren();
    for (const entry of page.items) {
      const item = document.createElement("li");
      const what = document.createElement("strong");
      what.textContent = WHAT[entry.kind] || entry.kind.replaceAll("-", " ");
      item.append(what);
      if (entry.detail) {
        item.append(" · " + entry.detail);
      }
      const when = document.createElement("div");
      when.className = "hint";
      const time = document.createElement("time");
      time.dateTime = entry.occurredAt;
      time.textContent = formatTime(entry.occurredAt);
      when.append(time);
      item.append(when);
      list.append(item);
    }
    say(message, page.items.length === 0 ? "Nothing yet." : "");
  } catch (problem) {
    say(message, problem.message, "error");
  }
}

export function startActivity() {
  refreshActivity();
}
