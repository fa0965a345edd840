// Small behaviours shared by every page; no inline scripts anywhere.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-autosubmit]").forEach((element) => {
    element.addEventListener("change", () => element.form.submit());
  });
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        window.setTimeout(() => { button.disabled = true; }, 0);
      });
    });
  });
});

// Thai line breaking in titles and table cells (thai/linebreak.py, the thai_titles_and_cells and thai_breaks
// filters): the server marks an element with where its Thai may break (data-thai-breaks: offsets into its text)
// and which runs stay on one line (data-thai-keep: "start-end"); here its text nodes get a <wbr> at each break
// and a nowrap span around each run, so Chromium neither splits "บูรณาการ" nor leaves "พ.ศ." without its year.
// The text counted is the server's: without what these elements hold (linebreak._UNMARKED). Text that the
// page keeps on one line (a badge, a "nowrap" cell) gets no <wbr>: Chromium breaks at one even there.
// Everything is read before anything is replaced, so the page's style is computed once.
const SKIPPED_TEXT = "head, title, style, script, textarea, svg, math, select, noscript";
function thaiWordPieces(element) {
  const offsets = (value) => (value || "").split(" ").filter(Boolean);
  const breaks = new Set(offsets(element.dataset.thaiBreaks).map(Number));
  const runs = offsets(element.dataset.thaiKeep).map((run) => run.split("-").map(Number));
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest(SKIPPED_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) {
    nodes.push(walker.currentNode);
  }
  let start = 0;
  return nodes.map((node) => {
    const text = node.data;
    const end = start + text.length;
    const wraps = !["nowrap", "pre"].includes(getComputedStyle(node.parentElement).whiteSpace);
    const cuts = new Set([0, text.length]);
    const inside = (offset) => offset > start && offset < end;
    breaks.forEach((offset) => { if (inside(offset)) cuts.add(offset - start); });
    runs.forEach(([from, to]) => {
      if (inside(from)) cuts.add(from - start);
      if (inside(to)) cuts.add(to - start);
    });
    const points = [...cuts].sort((a, b) => a - b);
    const pieces = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [from, to] = [start + points[i], start + points[i + 1]];
      if (i > 0 && wraps && breaks.has(from)) {
        pieces.append(document.createElement("wbr"));
      }
      const piece = text.slice(points[i], points[i + 1]);
      if (runs.some(([first, last]) => first <= from && to <= last)) {
        const run = document.createElement("span");
        run.className = "thai-keep";
        run.textContent = piece;
        pieces.append(run);
      } else {
        pieces.append(piece);
      }
    }
    start = end;
    return [node, pieces];
  });
}
[...document.querySelectorAll("[data-thai-breaks]")].flatMap(thaiWordPieces)
  .forEach(([node, pieces]) => node.replaceWith(pieces));
