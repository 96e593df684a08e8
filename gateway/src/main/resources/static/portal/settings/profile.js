// Profile: name (changes at once) and email (pending until the link sent to the new address is
// followed), with the server's messages next to the fields they name.
import { api, formatTime, Problem, say, showFieldErrors } from "../api.js";
import { showPerson } from "../nav.js";

const form = document.getElementById("profile-form");
const name = document.getElementById("profile-name");
const email = document.getElementById("profile-email");
const currentPasswordField = document.getElementById("profile-current-password-field");
const currentPassword = document.getElementById("profile-current-password");
const message = document.getElementById("profile-message");
const pending = document.getElementById("pending-email");
const pendingText = document.getElementById("pending-email-text");
const pendingMessage = document.getElementById("pending-email-message");

const fields = {
  name: { input: name, message: document.getElementById("profile-name-message") },
  email: { input: email, message: document.getElementById("profile-email-message") },
  currentPassword: {
    input: currentPassword,
    message: document.getElementById("profile-current-password-message"),
  },
};

let account = null;

function show(latest) {
  account = latest;
  name.value = latest.name || "";
  email.value = latest.email || "";
  document.getElementById("password-username").value = latest.email || "";
  showPerson(latest.name);
  if (latest.pendingEmail) {
    pendingText.textContent =
      "Verification sent to " +
      latest.pendingEmail.email +
      ". Follow the link in that mail to make it your email address; until then you keep using " +
      latest.email +
      ". The link works until " +
      formatTime(latest.pendingEmail.expiresAt) +
      ".";
    pending.hidden = false;
  } else {
    pending.hidden = true;
  }
}

async function save(event) {
  event.preventDefault();
  showFieldErrors(fields, null);
  say(message, "");
  const change = {};
  if (name.value.trim() !== (account.name || "")) {
    change.name = name.value;
  }
  if (email.value.trim() !== account.email) {
    change.email = email.value.trim();
    if (!currentPasswordField.hidden && currentPassword.value) {
      change.currentPassword = currentPassword.value;
    }
  }
  if (Object.keys(change).length === 0) {
    say(message, "Nothing to save.", "ok");
    return;
  }
  const button = document.getElementById("profile-save");
  button.disabled = true;
  try {
    show(await api("PATCH", "/api/v1/account", change));
    currentPassword.value = "";
    currentPasswordField.hidden = true;
    if (change.name !== undefined) {
      say(fields.name.message, "Name saved.", "ok");
    }
    if (change.email !== undefined) {
      say(fields.email.message, "Verification sent to " + change.email + ".", "ok");
    }
  } catch (problem) {
    if (problem.slug === "recent-login-required") {
      // a sensitive change: the current password confirms it (or a fresh sign-in would)
      currentPasswordField.hidden = false;
      say(fields.currentPassword.message, "Enter your current password, then Save again.", "error");
      currentPassword.focus();
    } else if (!showFieldErrors(fields, problem)) {
      say(message, problem.message, "error");
    }
  } finally {
    button.disabled = false;
  }
}

async function resend() {
  say(pendingMessage, "");
  try {
    const sent = await api("POST", "/api/v1/account/email/resend");
    say(pendingMessage, "Sent again to " + sent.email + ".", "ok");
  } catch (problem) {
    say(pendingMessage, problem.message, "error");
  }
}

async function cancel() {
  say(pendingMessage, "");
  try {
    await api("DELETE", "/api/v1/account/email/pending");
    show(await api("GET", "/api/v1/account"));
    say(fields.email.message, "Email change cancelled.", "ok");
    email.focus();
  } catch (problem) {
    say(pendingMessage, problem.message, "error");
  }
}

export async function startProfile(known) {
  form.addEventListener("submit", save);
  document.getElementById("pending-email-resend").addEventListener("click", resend);
  document.getElementById("pending-email-cancel").addEventListener("click", cancel);
  try {
    show(known || (await api("GET", "/api/v1/account")));
  } catch (problem) {
    say(message, problem instanceof Problem ? problem.message : "Could not load the profile.", "error");
  }
}
