// Draws every chart of an insights page from the JSON the server put beside its canvas, and opens
// the incidents behind a bar or point when it is clicked.
document.addEventListener('DOMContentLoaded', () => {
  if (typeof Chart === 'undefined') return;
  const dark = document.documentElement.getAttribute('data-bs-theme') === 'dark';
  if (dark) {
    Chart.defaults.color = '#dee2e6';
    Chart.defaults.borderColor = 'rgba(255,255,255,0.1)';
  }
  document.querySelectorAll('script[data-chart-for]').forEach((el) => {
    const canvas = document.getElementById(el.dataset.chartFor);
    if (!canvas) return;
    const spec = JSON.parse(el.textContent);
    const config = spec.config;
    const links = spec.links || [];
    const notes = spec.notes || [];
    config.options.onClick = (event, elements) => {
      if (elements.length && links[elements[0].index]) window.location.href = links[elements[0].index];
    };
    config.options.onHover = (event, elements) => {
      event.native.target.style.cursor = elements.length && links.length ? 'pointer' : 'default';
    };
    if (notes.length) {
      config.plugins = [{
        id: 'annotations',
        afterDatasetsDraw(chart) {
          const { ctx, chartArea, scales } = chart;
          notes.forEach((note) => {
            const index = chart.data.labels.indexOf(note.label);
            if (index < 0) return;
            const x = scales.x.getPixelForValue(index);
            ctx.save();
            ctx.strokeStyle = '#dc3545';
            ctx.setLineDash([4, 4]);
            ctx.beginPath();
            ctx.moveTo(x, chartArea.top);
            ctx.lineTo(x, chartArea.bottom);
            ctx.stroke();
            ctx.fillStyle = '#dc3545';
            ctx.font = '11px sans-serif';
            ctx.fillText(note.text.slice(0, 40), Math.min(x + 4, chartArea.right - 120), chartArea.top + 12);
            ctx.restore();
          });
        },
      }];
    }
    new Chart(canvas, config);
  });
});
