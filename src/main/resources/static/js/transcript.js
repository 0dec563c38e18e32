// The transcript import form: show the fields of the chosen kind, and the upload's progress.
(function () {
  const form = document.getElementById('import-form');
  if (!form) return;
  const kind = form.querySelector('#kind');
  const show = () => form.querySelectorAll('[data-kind]').forEach((el) => {
    el.hidden = el.dataset.kind !== kind.value;
  });
  kind.addEventListener('change', show);
  show();
  const progress = document.getElementById('import-progress');
  const bar = progress.querySelector('.progress-bar');
  form.addEventListener('htmx:xhr:progress', (e) => {
    if (!e.detail.lengthComputable) return;
    const pct = Math.round((e.detail.loaded / e.detail.total) * 100);
    progress.hidden = false;
    progress.setAttribute('aria-valuenow', pct);
    bar.style.width = pct + '%';
    bar.textContent = pct < 100 ? pct + '%' : 'Importing…';
  });
  form.addEventListener('htmx:afterRequest', () => {
    progress.hidden = true;
    bar.style.width = '0%';
  });
})();
