// Small behaviours shared by every page. No framework: htmx does the requests.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-theme-toggle]').forEach(function (button) {
    button.addEventListener('click', function () {
      var next = document.documentElement.getAttribute('data-bs-theme') === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-bs-theme', next);
      localStorage.setItem('cairn-theme', next);
    });
  });
  // htmx requests carry the CSRF token of the page.
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    document.body.addEventListener('htmx:configRequest', function (event) {
      event.detail.headers[header.content] = token.content;
    });
  }
  // Forms that break or remove something (rotating a token, deleting) ask first.
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
  // Times are shown in the reader's own time zone.
  localiseTimes(document);
  document.body.addEventListener('htmx:afterSwap', function (event) { localiseTimes(event.target); });
  document.body.addEventListener('htmx:sseMessage', function (event) { localiseTimes(document); });
});

function localiseTimes(root) {
  root.querySelectorAll('time[datetime][data-local]').forEach(function (el) {
    var date = new Date(el.getAttribute('datetime'));
    if (isNaN(date)) return;
    var style = el.getAttribute('data-local');
    var options = style === 'time'
      ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
    el.textContent = date.toLocaleString(undefined, options);
    el.title = date.toISOString();
    el.removeAttribute('data-local');
  });
}
