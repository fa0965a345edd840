// The district report's form (reports/report_form.html): the draft saved by itself half a minute after a change
// and when the officer leaves the page, through the same form and service as the "บันทึกร่าง" button
// (reports:autosave). The answer brings the new revision (so the button's save is not taken for someone else's),
// the time and the checklist; a refusal is shown at its fields, a stale revision stops the autosave with its
// message instead of overwriting.
(() => {
  const form = document.querySelector("form[data-autosave-url]");
  if (!form) {
    return;
  }
  const DELAY_MS = 30000;
  const status = document.getElementById("autosave-status");
  const checklist = document.getElementById("report-checklist");
  let dirty = form.hasAttribute("data-autosave-dirty"); // prefilled from the profile: worth saving too
  let timer = null;
  let saving = null;
  let stopped = false;

  const say = (text, state) => {
    status.textContent = text;
    status.dataset.state = state;
  };

  const clearErrors = () => {
    form.querySelectorAll("[data-autosave-error]").forEach((note) => note.remove());
    form.querySelectorAll("[data-autosave-invalid]").forEach((field) => {
      field.classList.remove("is-invalid");
      delete field.dataset.autosaveInvalid;
    });
  };

  const showErrors = (errors) => {
    Object.entries(errors || {}).forEach(([id, texts]) => {
      const field = id ? document.getElementById(id) : null;
      if (!field) {
        return;
      }
      field.classList.add("is-invalid");
      field.dataset.autosaveInvalid = "";
      const note = document.createElement("div");
      note.className = "invalid-feedback d-block";
      note.dataset.autosaveError = "";
      note.textContent = texts.join(" ");
      field.after(note);
      const details = field.closest("details");
      if (details) {
        details.open = true;
      }
    });
  };

  const schedule = () => {
    if (!timer && !stopped) {
      timer = window.setTimeout(() => save(), DELAY_MS);
    }
  };

  const answered = async (response) => {
    const type = response.headers.get("Content-Type") || "";
    if (!type.includes("application/json")) {
      throw new Error("not an answer of the autosave"); // e.g. the login page once the session has ended
    }
    const data = await response.json();
    clearErrors();
    if (response.ok) {
      form.elements.revision.value = data.revision;
      checklist.innerHTML = data.checklist;
      say(data.message, "saved");
      return;
    }
    say(data.message, "error");
    showErrors(data.errors);
    if (response.status === 409 || !data.errors) {
      stopped = true; // someone else saved, or the report was sent: nothing is overwritten
    }
  };

  function save({ keepalive = false } = {}) {
    if (saving || stopped || !dirty) {
      return saving || Promise.resolve();
    }
    dirty = false;
    window.clearTimeout(timer);
    timer = null;
    saving = fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      keepalive,
    })
      .then(answered)
      .catch(() => {
        dirty = true;
        say(form.dataset.autosaveFailed, "error");
      })
      .finally(() => {
        saving = null;
        if (dirty) {
          schedule();
        }
      });
    return saving;
  }

  const changed = () => {
    dirty = true;
    schedule();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  if (dirty) {
    schedule();
  }

  // The button's save: after a running autosave has brought the new revision.
  form.addEventListener("submit", (event) => {
    window.clearTimeout(timer);
    timer = null;
    dirty = false;
    stopped = true;
    if (saving) {
      event.preventDefault();
      saving.then(() => form.submit());
    }
  });

  // Leaving: the back link waits for the save (and stays on a refusal); closing or hiding the page sends it.
  document.querySelectorAll("a[data-autosave-first]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (!dirty && !saving) {
        return;
      }
      event.preventDefault();
      save().then(() => {
        if (status.dataset.state !== "error") {
          window.location.href = link.href;
        }
      });
    });
  });
  const leave = () => save({ keepalive: true });
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      leave();
    }
  });
  // Back from the browser's page cache: the revision may have moved since.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      window.location.reload();
    }
  });
})();
