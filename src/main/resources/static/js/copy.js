// Copy buttons: <button data-copy="#field"> copies the field's value (secrets shown once).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var field = document.querySelector(button.getAttribute('data-copy'));
      if (!field) return;
      field.select();
      var done = function () { button.innerHTML = '<i class="bi bi-check2"></i> Copied'; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand('copy'); done(); });
      } else {
        document.execCommand('copy');
        done();
      }
    });
  });
});
