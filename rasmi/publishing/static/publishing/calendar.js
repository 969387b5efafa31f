// Drag a scheduled post to another day: POST the day, keep the time of day, reload.
// The server decides (posting hours, permissions); its message is shown when it says no.
(function () {
  "use strict";
  const calendar = document.querySelector("[data-testid=calendar]");
  if (!calendar) return;
  const status = document.getElementById("calendar-status");
  let dragged = null;
  calendar.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-move]");
    if (dragged) event.dataTransfer.setData("text/plain", dragged.dataset.post);
  });
  calendar.addEventListener("dragover", (event) => {
    if (dragged && event.target.closest("[data-day]")) event.preventDefault();
  });
  calendar.addEventListener("drop", async (event) => {
    const day = event.target.closest("[data-day]");
    if (!dragged || !day) return;
    event.preventDefault();
    const body = new URLSearchParams({ day: day.dataset.day });
    const response = await fetch(dragged.dataset.move, {
      method: "POST", body, credentials: "same-origin",
      headers: { "X-CSRFToken": calendar.dataset.csrf },
    });
    const answer = await response.json().catch(() => ({}));
    dragged = null;
    if (response.ok) { window.location.reload(); return; }
    status.textContent = answer.error || response.statusText;
    status.classList.add("error");
  });
})();
