// Confirmation dialogs: a native <dialog> opened modal (the rest of the page is inert, so focus
// stays inside; Escape cancels) that gives focus back to what opened it.

/** Opens the dialog; resolves true when its "confirm" button closed it. */
export function confirmWith(dialog) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      () => {
        if (opener && typeof opener.focus === "function") {
          opener.focus();
        }
        resolve(dialog.returnValue === "confirm");
      },
      { once: true },
    );
    dialog.showModal();
  });
}
