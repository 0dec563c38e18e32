// Alerting pages. Without JavaScript everything still works: all fields show and forms post as is.
document.addEventListener('DOMContentLoaded', function () {
  // The generic mapping only matters for the generic kind: hide it for the others.
  var mapping = document.querySelector('[data-kind-only]');
  var kinds = document.querySelectorAll('input[name="kind"]');
  function showMapping() {
    var checked = document.querySelector('input[name="kind"]:checked');
    mapping.hidden = !checked || checked.value !== mapping.getAttribute('data-kind-only');
  }
  if (mapping && kinds.length) {
    kinds.forEach(function (radio) { radio.addEventListener('change', showMapping); });
    showMapping();
  }
});
