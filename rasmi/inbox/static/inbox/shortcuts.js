// Keyboard shortcuts for officers working the inbox, on the queue and on a conversation.
// No framework: the page renders everything a person reads (the help dialog, messages in
// data-msg-* attributes) in its own language; this file only listens for keys.
// Nothing fires while a person types in a field, or with Ctrl, Alt or Cmd held.
(function () {
  "use strict";
  const root = document.querySelector("[data-shortcuts]");
  if (!root) return;
  const help = document.getElementById("shortcut-help");
  const status = document.getElementById("shortcut-status");
  const queue = root.dataset.shortcuts === "queue" ? root : null;
  let current = null; // the chosen conversation's id on the queue

  function typing(target) {
    if (!(target instanceof Element)) return false;
    return target.isContentEditable || target.closest("input, textarea, select") !== null;
  }

  function announce(text, failed) {
    if (!status) return;
    status.textContent = text || "";
    status.classList.toggle("error", Boolean(failed));
  }

  // --- the queue: j/k choose a row, Enter/o open it, a and e act on it ------------------
  function rows() {
    return queue ? Array.from(queue.querySelectorAll("tr[data-conversation]")) : [];
  }

  function choose(row, focus) {
    rows().forEach((r) => r.classList.toggle("current", r === row));
    if (!row) return;
    current = row.dataset.conversation;
    if (focus) {
      const link = row.querySelector("a[href]");
      if (link) link.focus();
      row.scrollIntoView({ block: "nearest" });
    }
  }

  function chosen() {
    return rows().find((r) => r.dataset.conversation === current) || null;
  }

  function move(step) {
    const all = rows();
    if (!all.length) return;
    const at = all.indexOf(chosen());
    const next = at < 0 ? (step > 0 ? 0 : all.length - 1)
      : Math.min(all.length - 1, Math.max(0, at + step));
    choose(all[next], true);
  }

  async function post(url, fields) {
    // The answer is read out in the page's language, whether it came from the switch's
    // cookie or a ?lang= link.
    const address = new URL(url, window.location.href);
    address.searchParams.set("lang", document.documentElement.lang || "ms");
    try {
      const response = await fetch(address, {
        method: "POST", credentials: "same-origin", body: new URLSearchParams(fields),
        headers: { "X-CSRFToken": queue.dataset.csrf, "Accept": "application/json" },
      });
      const answer = await response.json();
      announce(answer.ok ? answer.message : answer.error, !answer.ok);
    } catch (error) {
      announce(queue.dataset.msgFailed, true);
    }
    if (window.htmx) window.htmx.trigger(queue, "refresh");
  }

  function onQueue(key) {
    const row = chosen();
    switch (key) {
      case "j": move(1); return true;
      case "k": move(-1); return true;
      case "o": case "Enter":
        if (!row) return false;
        window.location.assign(row.dataset.url);
        return true;
      case "r":
        if (!row) return false;
        window.location.assign(row.dataset.url + "#reply");
        return true;
      case "a":
        if (!row) return false;
        post(row.dataset.assign, { me: "1" });
        return true;
      case "e":
        if (!row) return false;
        post(row.dataset.status, { status: "resolved" });
        return true;
      default: return false;
    }
  }

  // --- a conversation: r writes a reply, a and e submit the page's own forms ------------
  function submit(name) {
    const form = document.querySelector(`form[data-shortcut="${name}"]`);
    if (!form) return false;
    form.requestSubmit();
    return true;
  }

  function focusReply() {
    const box = document.querySelector("#reply textarea");
    if (!box) return false;
    box.focus();
    return true;
  }

  function onConversation(key) {
    switch (key) {
      case "r": return focusReply();
      case "a": return submit("assign-me");
      case "e": return submit("resolve");
      default: return false;
    }
  }

  function openHelp() {
    if (help && !help.open) help.showModal();
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || (help && help.open)) return;
    // Enter on a link already opens it; only a row chosen with j/k needs help.
    if (event.key === "Enter" && event.target.closest && event.target.closest("a, button")) {
      return;
    }
    let done = false;
    if (event.key === "?") {
      openHelp();
      done = true;
    } else {
      done = queue ? onQueue(event.key) : onConversation(event.key);
    }
    if (done) event.preventDefault();
  });

  document.querySelectorAll("[data-open-help]").forEach((button) => {
    button.addEventListener("click", openHelp);
  });

  if (queue) {
    // A row focused by Tab or a click becomes the chosen one too.
    queue.addEventListener("focusin", (event) => {
      const row = event.target.closest("tr[data-conversation]");
      if (row) choose(row, false);
    });
    // The live rows are swapped every few seconds: mark the chosen row again (htmx
    // itself gives focus back to the link with the same id).
    queue.addEventListener("htmx:afterSwap", () => {
      const row = chosen();
      if (row) row.classList.add("current");
    });
    // No polling from a tab nobody looks at.
    queue.addEventListener("htmx:beforeRequest", (event) => {
      if (document.hidden) event.preventDefault();
    });
  } else if (window.location.hash === "#reply") {
    focusReply();
  }
})();
