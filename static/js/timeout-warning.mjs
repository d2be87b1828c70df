// Warns before a form's session times out and lets the person stay (WCAG 2.2.1, timing adjustable).
// Without JavaScript nothing is lost: answers are saved on every page.
export function initTimeoutWarning(dialog) {
  const timeout = Number(dialog.dataset.timeout) * 1000;
  const warnBefore = Number(dialog.dataset.warning) * 1000;
  const token = document.querySelector('meta[name="csrf-token"]')?.content;
  let warnTimer;
  let endTimer;

  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, Math.max(timeout - warnBefore, 0));
    endTimer = setTimeout(() => window.location.assign(dialog.dataset.ended), timeout);
  };

  const stay = async () => {
    if (dialog.open) dialog.close();
    try {
      await fetch(dialog.dataset.keepAlive, {
        method: "POST",
        headers: token ? { "X-CSRFToken": token } : {},
        credentials: "same-origin",
      });
    } finally {
      schedule();
    }
  };

  function warn() {
    if (typeof dialog.showModal === "function") {
      dialog.showModal();
      dialog.querySelector("h2")?.focus();
    }
  }

  dialog.querySelector("[data-action=stay]")?.addEventListener("click", stay);
  // Escape closes the dialog: treat it as choosing to stay.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  schedule();
}
