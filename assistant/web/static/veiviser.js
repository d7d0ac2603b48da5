// Optional: nothing in Veiviser needs JavaScript. This moves focus to the error summary in
// browsers that ignore autofocus on it, and groups thousands while an amount in kroner is typed.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary[autofocus]");
  if (summary && document.activeElement !== summary) { summary.focus(); }
  document.querySelectorAll("input[data-money]").forEach(function (input) {
    var fmt;
    try { fmt = new Intl.NumberFormat("nb-NO"); } catch (e) { return; }
    input.addEventListener("blur", function () {
      var digits = input.value.replace(/[\s\u00a0\u202f.]/g, "");
      if (/^\d+$/.test(digits)) { input.value = fmt.format(Number(digits)); }
    });
  });
});
