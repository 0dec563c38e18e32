// Applies the saved light/dark choice before the page paints (no flash).
(function () {
  var saved = localStorage.getItem('cairn-theme');
  var theme = saved || (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  document.documentElement.setAttribute('data-bs-theme', theme);
})();
