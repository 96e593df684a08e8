// The one way the portal's pages talk to the API: same-origin fetch with the session cookie, the
// CSRF token (from GET /session) on every unsafe request, and RFC 9457 problems turned into a
// Problem that knows which field it names. Nothing here writes to localStorage or sessionStorage,
// and nothing logs a request or response body: some of them carry API tokens.

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
let sessionRequest = null;

/** GET /session, asked once per page: who is signed in, the CSRF token, where to log in. */
export function currentSession() {
  if (!sessionRequest) {
    sessionRequest = fetch("/session", {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    }).then((response) => {
      if (!response.ok) {
        throw new Problem(response.status, null);
      }
      return response.json();
    });
  }
  return sessionRequest;
}

/** A refused request: the problem's status, slug (the last segment of its type) and fields. */
export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || "The request failed (" + status + ").");
    this.status = status;
    this.body = body || {};
    const type = this.body.type || "";
    this.slug = type.substring(type.lastIndexOf("/") + 1);
    /** field name -> reason, from the problem's errors[] or its single "field" */
    this.fields = {};
    if (Array.isArray(this.body.errors)) {
      for (const error of this.body.errors) {
        if (error && error.field) {
          this.fields[error.field] = error.reason;
        }
      }
    } else if (this.body.field) {
      this.fields[this.body.field] = this.body.detail || this.body.title;
    }
  }

  /** The text for one field: "is not your current password" becomes a sentence. */
  messageFor(field) {
    const reason = this.fields[field];
    if (!reason) {
      return null;
    }
    return /^(is|are|must|needs|has) /.test(reason) ? "This " + reason + "." : reason;
  }
}

/**
 * Calls the API. Resolves with the parsed JSON body (null when there is none); rejects with a
 * Problem for any status that is not 2xx, or with a Problem of status 0 when the network failed.
 */
export async function api(method, path, body) {
  const session = await currentSession();
  const headers = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (!SAFE.has(method)) {
    headers[session.csrfHeader || "X-XSRF-TOKEN"] = session.csrfToken;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (networkFailure) {
    throw new Problem(0, { title: "No connection", detail: "The portal could not be reached. Try again." });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (notJson) {
      json = null;
    }
  }
  if (!response.ok) {
    throw new Problem(response.status, json);
  }
  return json;
}

/**
 * Sends the browser through the sudo-mode round trip (Keycloak asks for the password again) and
 * back to returnTo, a path on this site.
 */
export function reauthenticate(problem, returnTo) {
  const where = (problem && problem.body.reauthenticateUrl) || "/session/reauthenticate";
  window.location.assign(where + "?returnTo=" + encodeURIComponent(returnTo));
}

/** Shows a message next to a field (or in a section), as text, marked as success or error. */
export function say(element, text, kind) {
  element.textContent = text || "";
  element.classList.remove("ok", "error");
  if (text && kind) {
    element.classList.add(kind);
  }
}

/** Clears and sets the error messages of the named fields of a form from a Problem. */
export function showFieldErrors(fields, problem) {
  let shown = false;
  for (const [name, { input, message }] of Object.entries(fields)) {
    const text = problem ? problem.messageFor(name) : null;
    say(message, text, "error");
    if (input) {
      if (text) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
    }
    shown = shown || Boolean(text);
  }
  return shown;
}

export function formatTime(iso) {
  if (!iso) {
    return "—";
  }
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
