// Password: current, new and confirm. The strength meter asks the server (the same estimate the
// change is checked with); the browser keeps no second copy of the rules beyond the hints.
import { api, say, showFieldErrors } from "../api.js";

const MIN_LENGTH = 12; // shown as a hint; the server decides
const WORDS = ["Very weak", "Weak", "Fair", "Good", "Strong"];

const form = document.getElementById("password-form");
const current = document.getElementById("current-password");
const next = document.getElementById("new-password");
const confirm = document.getElementById("confirm-password");
const meter = document.getElementById("password-strength");
const meterText = document.getElementById("password-strength-text");
const feedback = document.getElementById("password-feedback");
const message = document.getElementById("password-message");

const fields = {
  currentPassword: { input: current, message: document.getElementById("current-password-message") },
  newPassword: { input: next, message: document.getElementById("new-password-message") },
  confirmPassword: { input: confirm, message: document.getElementById("confirm-password-message") },
};

let timer = null;
let asked = 0;

function length(text) {
  return Array.from(text).length;
}

async function estimate() {
  const candidate = next.value;
  const mine = ++asked;
  if (!candidate) {
    meter.value = 0;
    meterText.textContent = "";
    feedback.textContent = "";
    return;
  }
  try {
    const result = await api("POST", "/api/v1/account/password/strength", { password: candidate });
    if (mine !== asked) {
      return; // an answer to an older keystroke
    }
    meter.value = result.score;
    const short = length(candidate) < MIN_LENGTH;
    meterText.textContent =
      "Strength: " + WORDS[result.score] + (short ? " · " + length(candidate) + " of " + MIN_LENGTH + " characters" : "");
    const advice = [];
    if (result.feedback && result.feedback.warning) {
      advice.push(result.feedback.warning);
    }
    if (result.feedback && Array.isArray(result.feedback.suggestions)) {
      advice.push(...result.feedback.suggestions);
    }
    feedback.textContent = advice.join(" ");
  } catch (problem) {
    if (mine === asked) {
      meterText.textContent = "";
      feedback.textContent = "";
    }
  }
}

async function update(event) {
  event.preventDefault();
  showFieldErrors(fields, null);
  say(message, "");
  const button = document.getElementById("password-update");
  button.disabled = true;
  try {
    await api("POST", "/api/v1/account/password", {
      currentPassword: current.value,
      newPassword: next.value,
      confirmPassword: confirm.value,
    });
    form.reset();
    meter.value = 0;
    meterText.textContent = "";
    feedback.textContent = "";
    say(message, "Password updated. Your other sessions were signed out.", "ok");
  } catch (problem) {
    if (!showFieldErrors(fields, problem)) {
      say(message, problem.message, "error");
    } else {
      const first = Object.keys(fields).find((name) => problem.fields[name]);
      fields[first].input.focus();
    }
  } finally {
    button.disabled = false;
  }
}

export function startPassword() {
  form.addEventListener("submit", update);
  next.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(estimate, 250);
  });
}
