// A Buddhist-era calendar picker next to every date input that carries data-datepicker (rendered by
// tambonplan.thai.forms.ThaiDateInput with the month names, year offset, digits, today and Thai labels).
// Typing in the input is never touched: the calendar only writes a picked day as dd/mm/yyyy (พ.ศ.), in the
// digits the input already holds or else the user's digit preference. No inline scripts or handlers (CSP).
(() => {
  "use strict";

  const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
  const script = document.currentScript;
  const ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 16 16" aria-hidden="true" ' +
    'focusable="false" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round">' +
    '<rect x="1.5" y="2.5" width="13" height="12" rx="1.5"/><path d="M1.5 6.5h13M5 1v3M11 1v3"/>' +
    '<path d="M4.5 9.5h1M7.5 9.5h1M10.5 9.5h1M4.5 12h1M7.5 12h1" stroke-width="1.6"/></svg>';
  let instances = 0;

  const toArabic = (text) => text.replace(/[๐-๙]/g, (digit) => String(THAI_DIGITS.indexOf(digit)));
  const localize = (text, digits) =>
    digits === "thai" ? String(text).replace(/[0-9]/g, (digit) => THAI_DIGITS[Number(digit)]) : String(text);
  const pad = (number) => String(number).padStart(2, "0");
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  // Days are plain {year, month (0-11), day} in the Christian era; Date only does the arithmetic.
  const fromDate = (date) => ({ year: date.getFullYear(), month: date.getMonth(), day: date.getDate() });
  const toDate = (day) => new Date(day.year, day.month, day.day);
  const addDays = (day, count) => fromDate(new Date(day.year, day.month, day.day + count));
  const daysIn = (year, month) => new Date(year, month + 1, 0).getDate();
  const addMonths = (day, count) => {
    const first = new Date(day.year, day.month + count, 1);
    const year = first.getFullYear();
    const month = first.getMonth();
    return { year, month, day: Math.min(day.day, daysIn(year, month)) };
  };
  const sameDay = (a, b) =>
    a !== null && b !== null && a.year === b.year && a.month === b.month && a.day === b.day;
  const iso = (day) => `${day.year}-${pad(day.month + 1)}-${pad(day.day)}`;

  // The forms thai.dates.parse_thai_date reads (month names as the calendar names them); anything else
  // opens the calendar at today.
  const monthKey = (name) => name.replace(/[.\s]/g, "").toLowerCase();
  const ISO_DATE = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/;
  const NUMERIC_DATE = /^([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4}|[0-9]{2})$/;
  const NAMED_MONTH_DATE = /^([0-9]{1,2})\s*([^0-9\s][^0-9]*?)\s*(?:พ\.?\s*ศ\.?\s*)?([0-9]{4}|[0-9]{2})$/;
  const parseDay = (text, settings) => {
    const cleaned = toArabic(text).trim().split(/\s+/).join(" ");
    let match = cleaned.match(ISO_DATE);
    let parts = null;
    if (match) {
      parts = { yearText: match[1], month: Number(match[2]) - 1, day: Number(match[3]) };
    } else if ((match = cleaned.match(NUMERIC_DATE))) {
      parts = { yearText: match[3], month: Number(match[2]) - 1, day: Number(match[1]) };
    } else if ((match = cleaned.match(NAMED_MONTH_DATE))) {
      const names = settings.months.concat(settings.monthsShort).map(monthKey);
      const index = names.indexOf(monthKey(match[2]));
      if (index >= 0) {
        parts = { yearText: match[3], month: index % 12, day: Number(match[1]) };
      }
    }
    if (parts === null) {
      return null;
    }
    let year = Number(parts.yearText) + (parts.yearText.length === 2 ? 2500 : 0);
    year = year >= 2400 ? year - 543 : year;
    if (year < 1000 || parts.month > 11 || parts.day < 1 || parts.day > daysIn(year, parts.month)) {
      return null;
    }
    return { year, month: parts.month, day: parts.day };
  };

  class DatePicker {
    constructor(input, settings) {
      this.input = input;
      this.settings = settings;
      const [year, month, day] = settings.today.split("-").map(Number);
      this.today = { year, month: month - 1, day };
      this.id = `be-datepicker-${++instances}`;
      this.selected = null;
      this.focused = this.today;
      this.onOutside = (event) => {
        if (!this.field.contains(event.target)) {
          this.close(false);
        }
      };
      this.onMove = () => this.place();
      this.build();
    }

    build() {
      const { input, settings } = this;
      this.field = document.createElement("div");
      this.field.className = "be-datepicker-field";
      let group = input.parentElement;
      if (!group.classList.contains("input-group")) {
        group = document.createElement("div");
        group.className = "input-group flex-nowrap";
        input.replaceWith(this.field);
        group.append(input);
      } else {
        group.replaceWith(this.field);
      }
      this.field.append(group);
      this.group = group;

      const label = input.id ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
      const labelText = label ? label.textContent.replace("*", "").trim() : "";
      const named = (text) => (labelText ? `${text}: ${labelText}` : text);
      this.toggle = document.createElement("button");
      this.toggle.type = "button";
      this.toggle.className = "btn btn-outline-secondary be-datepicker-toggle";
      this.toggle.innerHTML = ICON;
      this.toggle.setAttribute("aria-label", named(settings.labels.open));
      this.toggle.title = settings.labels.open;
      this.toggle.setAttribute("aria-haspopup", "dialog");
      this.toggle.setAttribute("aria-expanded", "false");
      this.toggle.setAttribute("aria-controls", this.id);
      group.append(this.toggle);

      this.popup = document.createElement("div");
      this.popup.className = "be-datepicker";
      this.popup.id = this.id;
      this.popup.hidden = true;
      this.popup.setAttribute("role", "dialog");
      this.popup.setAttribute("aria-modal", "false");
      this.popup.setAttribute("aria-label", named(settings.labels.dialog));

      const header = document.createElement("div");
      header.className = "be-datepicker-header";
      const nav = (step, text, name) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "be-datepicker-nav";
        button.dataset.step = String(step);
        button.textContent = text;
        button.setAttribute("aria-label", name);
        button.title = name;
        return button;
      };
      this.title = document.createElement("div");
      this.title.className = "be-datepicker-title";
      this.title.id = `${this.id}-title`;
      this.title.setAttribute("aria-live", "polite");
      header.append(
        nav(-12, "«", settings.labels.prevYear),
        nav(-1, "‹", settings.labels.prevMonth),
        this.title,
        nav(1, "›", settings.labels.nextMonth),
        nav(12, "»", settings.labels.nextYear),
      );

      this.grid = document.createElement("table");
      this.grid.className = "be-datepicker-grid";
      this.grid.setAttribute("role", "grid");
      this.grid.setAttribute("aria-labelledby", this.title.id);
      const headRow = this.grid.createTHead().insertRow();
      settings.weekdays.forEach((short, index) => {
        const cell = document.createElement("th");
        cell.scope = "col";
        cell.abbr = settings.weekdayNames[index];
        cell.textContent = short;
        headRow.append(cell);
      });
      this.body = this.grid.createTBody();

      const footer = document.createElement("div");
      footer.className = "be-datepicker-footer";
      const action = (name, text, className) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = `btn btn-sm ${className}`;
        button.dataset.action = name;
        button.textContent = text;
        return button;
      };
      footer.append(
        action("today", settings.labels.today, "btn-outline-primary"),
        action("close", settings.labels.close, "btn-outline-secondary"),
      );
      this.popup.append(header, this.grid, footer);
      this.field.append(this.popup);

      this.toggle.addEventListener("click", () => (this.popup.hidden ? this.open() : this.close(true)));
      this.popup.addEventListener("click", (event) => this.onClick(event));
      this.popup.addEventListener("keydown", (event) => this.onKey(event));
      this.popup.addEventListener("focusout", (event) => {
        const next = event.relatedTarget;
        if (next !== null && !this.field.contains(next)) {
          this.close(false);
        }
      });
      input.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && !this.popup.hidden) {
          this.close(false);
        }
      });
    }

    digits() {
      const value = this.input.value;
      if (/[๐-๙]/.test(value)) {
        return "thai";
      }
      return /[0-9]/.test(value) ? "arabic" : this.settings.digits;
    }

    open() {
      this.selected = parseDay(this.input.value, this.settings);
      this.focused = this.selected || this.today;
      this.render();
      this.popup.hidden = false;
      this.toggle.setAttribute("aria-expanded", "true");
      this.place();
      document.addEventListener("pointerdown", this.onOutside);
      window.addEventListener("scroll", this.onMove, true);
      window.addEventListener("resize", this.onMove);
      this.focusDay();
    }

    close(focusToggle) {
      if (this.popup.hidden) {
        return;
      }
      this.popup.hidden = true;
      this.toggle.setAttribute("aria-expanded", "false");
      document.removeEventListener("pointerdown", this.onOutside);
      window.removeEventListener("scroll", this.onMove, true);
      window.removeEventListener("resize", this.onMove);
      if (focusToggle) {
        this.toggle.focus();
      }
    }

    // Fixed to the viewport under the input (above it when there is no room below), never past an edge:
    // it fits a 360 px screen and is not clipped by a scrolling table around the input.
    place() {
      const anchor = this.group.getBoundingClientRect();
      const width = this.popup.offsetWidth;
      const height = this.popup.offsetHeight;
      const viewWidth = document.documentElement.clientWidth;
      const viewHeight = window.innerHeight;
      const margin = 8;
      const left = Math.max(margin, Math.min(anchor.left, viewWidth - width - margin));
      let top = anchor.bottom + 4;
      if (top + height > viewHeight - margin) {
        const above = anchor.top - height - 4;
        top = above >= margin ? above : Math.max(margin, viewHeight - height - margin);
      }
      this.popup.style.left = `${left}px`;
      this.popup.style.top = `${top}px`;
    }

    render() {
      const { settings, focused } = this;
      const digits = this.digits();
      const { year, month } = focused;
      this.title.textContent = fill(settings.title, {
        month: settings.months[month],
        year: localize(year + settings.yearOffset, digits),
      });
      this.body.replaceChildren();
      const lead = new Date(year, month, 1).getDay();
      const count = daysIn(year, month);
      let row = this.body.insertRow();
      for (let blank = 0; blank < lead; blank += 1) {
        row.insertCell();
      }
      for (let number = 1; number <= count; number += 1) {
        if (row.cells.length === 7) {
          row = this.body.insertRow();
        }
        const day = { year, month, day: number };
        const cell = row.insertCell();
        cell.textContent = localize(number, digits);
        cell.dataset.date = iso(day);
        cell.tabIndex = number === focused.day ? 0 : -1;
        cell.setAttribute("aria-label", fill(settings.dayLabel, {
          weekday: settings.weekdayNames[toDate(day).getDay()],
          day: localize(number, digits),
          month: settings.months[month],
          year: localize(year + settings.yearOffset, digits),
        }));
        cell.setAttribute("aria-selected", sameDay(day, this.selected) ? "true" : "false");
        if (sameDay(day, this.today)) {
          cell.setAttribute("aria-current", "date");
        }
      }
      while (row.cells.length < 7) {
        row.insertCell();
      }
    }

    focusDay() {
      const cell = this.body.querySelector(`[data-date="${iso(this.focused)}"]`);
      if (cell) {
        cell.focus();
      }
    }

    moveTo(day, keepFocus) {
      this.focused = day;
      this.render();
      if (!keepFocus) {
        this.focusDay();
      }
    }

    pick(day) {
      const text = `${pad(day.day)}/${pad(day.month + 1)}/${day.year + this.settings.yearOffset}`;
      this.input.value = localize(text, this.digits());
      this.input.dispatchEvent(new Event("input", { bubbles: true }));
      this.input.dispatchEvent(new Event("change", { bubbles: true }));
      // Back on the button, as after Escape: focusing the input would open a phone's keyboard.
      this.close(true);
    }

    onClick(event) {
      const cell = event.target.closest("td[data-date]");
      const button = event.target.closest("button");
      if (cell) {
        const [year, month, day] = cell.dataset.date.split("-").map(Number);
        this.pick({ year, month: month - 1, day });
      } else if (button && button.dataset.step) {
        this.moveTo(addMonths(this.focused, Number(button.dataset.step)), true);
      } else if (button && button.dataset.action === "today") {
        this.moveTo(this.today, false);
      } else if (button && button.dataset.action === "close") {
        this.close(true);
      }
    }

    onKey(event) {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close(true);
        return;
      }
      if (!event.target.matches("td[data-date]")) {
        return;
      }
      const day = this.focused;
      const weekday = toDate(day).getDay();
      const moves = {
        ArrowLeft: () => addDays(day, -1),
        ArrowRight: () => addDays(day, 1),
        ArrowUp: () => addDays(day, -7),
        ArrowDown: () => addDays(day, 7),
        Home: () => addDays(day, -weekday),
        End: () => addDays(day, 6 - weekday),
        PageUp: () => addMonths(day, event.shiftKey ? -12 : -1),
        PageDown: () => addMonths(day, event.shiftKey ? 12 : 1),
      };
      if (moves[event.key]) {
        event.preventDefault();
        this.moveTo(moves[event.key](), false);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        this.pick(day);
      }
    }
  }

  const start = () => {
    const inputs = document.querySelectorAll("input[data-datepicker]");
    if (inputs.length === 0) {
      return;
    }
    if (script && script.dataset.stylesheet) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = script.dataset.stylesheet;
      document.head.append(link);
    }
    inputs.forEach((input) => {
      if (input.disabled || input.readOnly) {
        return;
      }
      try {
        new DatePicker(input, JSON.parse(input.dataset.datepicker));
      } catch (error) {
        // A broken setting leaves the input as it was: typing still works.
        console.error(error);
      }
    });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
