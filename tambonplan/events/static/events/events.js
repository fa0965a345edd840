// The printable QR page's print button, and "select all" for the attendee list (no inline scripts).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
  document.querySelectorAll("[data-check-all]").forEach((button) => {
    button.addEventListener("click", () => {
      const boxes = [...button.form.querySelectorAll(`input[name="${button.dataset.checkAll}"]`)];
      const check = boxes.some((box) => !box.checked);
      boxes.forEach((box) => { box.checked = check; });
    });
  });
});
