// The navigation bar every portal page shares: the person's name and profile icon, and a dropdown
// with Account Settings and Sign out. Also what a page shows when nobody is signed in.
import { api, currentSession } from "./api.js";

const menu = document.getElementById("account-menu");
const button = document.getElementById("account-button");
const dropdown = document.getElementById("account-dropdown");

function open() {
  dropdown.hidden = false;
  button.setAttribute("aria-expanded", "true");
}

function close(returnFocus) {
  dropdown.hidden = true;
  button.setAttribute("aria-expanded", "false");
  if (returnFocus) {
    button.focus();
  }
}

button.addEventListener("click", () => (dropdown.hidden ? open() : close(false)));
button.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") {
    event.preventDefault();
    open();
    dropdown.querySelector("a, button").focus();
  }
});
menu.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !dropdown.hidden) {
    event.preventDefault();
    close(true);
  }
});
menu.addEventListener("focusout", (event) => {
  if (!menu.contains(event.relatedTarget)) {
    close(false);
  }
});
document.addEventListener("click", (event) => {
  if (!menu.contains(event.target)) {
    close(false);
  }
});

/** Shows the person in the navigation bar: the name from the account (it changes), or the login's. */
export function showPerson(name) {
  const shown = (name || "").trim() || "Account";
  document.getElementById("account-name").textContent = shown;
  const initials = shown
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join("");
  document.getElementById("account-initials").textContent = initials || "?";
}

/**
 * Starts a page: asks who is signed in. Signed in: fills the navigation bar and resolves with the
 * session and the account. Signed out: shows the sign-in invitation instead of the page's content
 * and resolves with null.
 */
export async function startPage() {
  const session = await currentSession();
  document.querySelector("main").setAttribute("aria-busy", "false");
  if (session.devMailboxUrl) {
    // a development stack: its mailbox holds the verification links
    document.getElementById("dev-mailbox-link").href = session.devMailboxUrl;
    document.getElementById("dev-mailbox").hidden = false;
  }
  if (!session.authenticated) {
    const signIn = document.getElementById("sign-in-link");
    signIn.href = session.loginUrl;
    signIn.hidden = false;
    document.getElementById("content").hidden = true;
    const invitation = document.getElementById("signed-out");
    invitation.hidden = false;
    invitation.querySelector("a").href = session.loginUrl;
    return null;
  }
  document.getElementById("sign-out-csrf").value = session.csrfToken;
  document.getElementById("sign-out-form").action = session.logoutUrl;
  menu.hidden = false;
  showPerson(session.name);
  let account = null;
  try {
    account = await api("GET", "/api/v1/account");
    showPerson(account.name);
  } catch (problem) {
    // the account is made from the first request after the first login; the login's name serves
  }
  document.getElementById("content").hidden = false;
  return { session, account };
}
