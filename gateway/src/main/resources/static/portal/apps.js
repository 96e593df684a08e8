// The Apps page: the person's applications with their last deployment and a link to the live site
// (on the sites origin, where none of the portal's cookies go), create and delete.
import { api, say, showFieldErrors } from "./api.js";
import { confirmWith } from "./dialog.js";
import { startPage } from "./nav.js";

const list = document.getElementById("apps-list");
const listMessage = document.getElementById("apps-message");
const form = document.getElementById("new-app-form");
const formMessage = document.getElementById("new-app-message");
const fields = {
  name: { input: document.getElementById("new-app-name"), message: document.getElementById("new-app-name-message") },
  description: {
    input: document.getElementById("new-app-description"),
    message: document.getElementById("new-app-description-message"),
  },
};

async function lastDeployment(app) {
  try {
    const page = await api("GET", "/api/v1/apps/" + encodeURIComponent(app.id) + "/deployments?limit=1");
    return page.items[0] || null;
  } catch (problem) {
    return null;
  }
}

function render(app, deployment) {
  const item = document.createElement("li");
  item.className = "app";
  item.dataset.appId = app.id;
  const name = document.createElement("span");
  name.className = "app-name";
  name.textContent = app.name;
  const status = document.createElement("span");
  status.className = "status" + (deployment ? " " + deployment.status : "");
  status.textContent = deployment ? "Deployment: " + deployment.status : "Not deployed yet";
  const site = document.createElement("a");
  site.href = app.siteUrl;
  site.target = "_blank";
  site.rel = "noopener noreferrer";
  site.className = "site-link";
  site.textContent = "Open live site";
  const which = document.createElement("span");
  which.className = "visually-hidden";
  which.textContent = " of " + app.name + " (opens in a new tab)";
  site.append(which);
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "secondary";
  remove.textContent = "Delete";
  remove.setAttribute("aria-label", "Delete " + app.name);
  remove.addEventListener("click", () => onDelete(app));
  item.append(name, status, site, remove);
  if (app.description) {
    const description = document.createElement("p");
    description.className = "hint";
    description.textContent = app.description;
    description.style.flexBasis = "100%";
    item.append(description);
  }
  return item;
}

async function refresh() {
  try {
    const page = await api("GET", "/api/v1/apps?limit=100");
    const deployments = await Promise.all(page.items.map(lastDeployment));
    list.replaceChildren(...page.items.map((app, i) => render(app, deployments[i])));
    say(listMessage, page.items.length === 0 ? "No apps yet: create your first one above." : "");
    return page.items.length;
  } catch (problem) {
    say(listMessage, problem.message, "error");
    return null;
  }
}

async function onCreate(event) {
  event.preventDefault();
  showFieldErrors(fields, null);
  say(formMessage, "");
  const body = { name: fields.name.input.value };
  if (fields.description.input.value.trim()) {
    body.description = fields.description.input.value;
  }
  try {
    const app = await api("POST", "/api/v1/apps", body);
    form.reset();
    say(formMessage, "Created “" + app.name + "”.", "ok");
    await refresh();
  } catch (problem) {
    if (!showFieldErrors(fields, problem)) {
      say(formMessage, problem.message, "error");
    }
  }
}

async function onDelete(app) {
  document.getElementById("delete-app-text").textContent =
    "“" + app.name + "”, its files, deployments and live site are deleted. This cannot be undone.";
  if (!(await confirmWith(document.getElementById("delete-app-dialog")))) {
    return;
  }
  try {
    await api("DELETE", "/api/v1/apps/" + encodeURIComponent(app.id));
    const left = await refresh();
    // after the refresh, which says its own word about an empty list
    say(listMessage, "Deleted “" + app.name + "”." + (left === 0 ? " No apps left." : ""), "ok");
    fields.name.input.focus();
  } catch (problem) {
    say(listMessage, problem.message, "error");
  }
}

const started = await startPage();
if (started) {
  form.addEventListener("submit", onCreate);
  refresh();
}
