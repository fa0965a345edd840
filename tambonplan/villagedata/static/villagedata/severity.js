// The need form's กชช.2ค panel (_need_severity.html): when the chosen village has suggestions only they are
// shown (otherwise every village's); a "ใช้ความรุนแรง n" button puts n into the form's severity field.
(function () {
  "use strict";
  var panel = document.getElementById("need-severity");
  var severity = document.getElementById("id_severity");
  var village = document.getElementById("id_village");
  if (!panel || !severity) {
    return;
  }
  panel.querySelectorAll("[data-severity]").forEach(function (button) {
    button.addEventListener("click", function () {
      severity.value = button.getAttribute("data-severity");
      severity.focus();
    });
  });
  function showChosenVillage() {
    var groups = panel.querySelectorAll("[data-severity-village]");
    var chosen = village.value;
    var hasChosen = Array.prototype.some.call(groups, function (group) {
      return group.getAttribute("data-severity-village") === chosen;
    });
    groups.forEach(function (group) {
      group.hidden = hasChosen && group.getAttribute("data-severity-village") !== chosen;
    });
  }
  if (village) {
    village.addEventListener("change", showChosenVillage);
    showChosenVillage();
  }
})();
