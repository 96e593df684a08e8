// Copy to the clipboard: the asynchronous Clipboard API where the browser allows it, else a
// selected, off-screen text area and the older copy command. The text is never kept anywhere else.

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (refused) {
      // fall through to the older way (e.g. the page is not focused)
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.style.position = "fixed";
  area.style.left = "-9999px";
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } finally {
    area.value = "";
    area.remove();
  }
  return copied;
}
