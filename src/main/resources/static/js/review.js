// The review pages: the narrative chart, and read tracking (how far and how long a review is read).
document.addEventListener('DOMContentLoaded', function () {
  var canvas = document.getElementById('narrative-chart');
  if (canvas && window.Chart) drawNarrative(canvas, JSON.parse(canvas.getAttribute('data-chart')));
  var reads = document.getElementById('reads-chart');
  if (reads && window.Chart) drawReads(reads, JSON.parse(reads.getAttribute('data-days')));
  var teamReads = document.getElementById('team-reads-chart');
  if (teamReads && window.Chart) drawTeamReads(teamReads, JSON.parse(teamReads.getAttribute('data-weeks')));
  var reading = document.querySelector('[data-read-id]');
  if (reading && reading.getAttribute('data-read-id')) trackReading(reading);
});

function drawNarrative(canvas, data) {
  var lanes = data.phases.concat(['Key moments'], data.people);
  var bars = function (list) { return list.map(function (b) { return { x: [b.from, b.to], y: b.lane, label: b.label }; }); };
  var fmt = function (v) { return new Date(v).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }); };
  // A bar chart's value axis starts at zero by default (1970 here): fit it to the incident instead.
  var all = data.phaseBars.concat(data.moments, data.presence);
  var min = Math.min.apply(null, all.map(function (b) { return b.from; }));
  var max = Math.max.apply(null, all.map(function (b) { return b.to; }));
  var pad = all.length ? Math.max(60000, (max - min) * 0.02) : 0;
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: lanes,
      datasets: [
        { label: 'Phases', data: bars(data.phaseBars), backgroundColor: 'rgba(13,110,253,0.6)' },
        { label: 'Key moments', data: bars(data.moments), backgroundColor: 'rgba(255,193,7,0.95)', minBarLength: 4 },
        { label: 'People involved', data: bars(data.presence), backgroundColor: 'rgba(108,117,125,0.45)' }
      ]
    },
    options: {
      indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { tooltip: { callbacks: { label: function (c) { return c.raw.label + ' · ' + fmt(c.raw.x[0]); } } } },
      scales: {
        x: { type: 'linear', beginAtZero: false, min: all.length ? min - pad : undefined, max: all.length ? max + pad : undefined,
             ticks: { callback: fmt, maxTicksLimit: 6 } },
        y: { stacked: true }
      }
    }
  });
}

function trackReading(section) {
  var incident = section.getAttribute('data-incident-id');
  var read = section.getAttribute('data-read-id');
  var token = document.querySelector('meta[name="_csrf"]');
  var started = Date.now();
  var hidden = 0, hiddenSince = null, depth = 0;
  function measure() {
    var total = document.documentElement.scrollHeight;
    var seen = window.scrollY + window.innerHeight;
    depth = Math.max(depth, Math.min(100, Math.round(100 * seen / Math.max(total, 1))));
  }
  function send() {
    var away = hidden + (hiddenSince ? Date.now() - hiddenSince : 0);
    var body = new URLSearchParams({ depth: depth, seconds: Math.round((Date.now() - started - away) / 1000) });
    if (token) body.append('_csrf', token.content);
    navigator.sendBeacon('/incidents/' + incident + '/review/reads/' + read, body);
  }
  measure();
  window.addEventListener('scroll', measure, { passive: true });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { hiddenSince = Date.now(); send(); }
    else if (hiddenSince) { hidden += Date.now() - hiddenSince; hiddenSince = null; }
  });
  window.addEventListener('pagehide', send);
  setInterval(send, 15000);
  setTimeout(send, 2000);
}

function drawReads(canvas, days) {
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: days.map(function (d) { return d.day; }),
      datasets: [
        { label: 'Openings', data: days.map(function (d) { return d.opens; }), backgroundColor: 'rgba(13,110,253,0.6)' },
        { label: 'Readers', data: days.map(function (d) { return d.readers; }), backgroundColor: 'rgba(25,135,84,0.6)' }
      ]
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
}

// Distinct readers per team per week, one stacked bar per week (a reader in two teams counts in both).
function drawTeamReads(canvas, weeks) {
  var labels = weeks.map(function (w) { return w.week; }).filter(function (v, i, a) { return a.indexOf(v) === i; }).sort();
  var teams = weeks.map(function (w) { return w.team; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
  var colours = ['rgba(13,110,253,0.7)', 'rgba(25,135,84,0.7)', 'rgba(255,193,7,0.8)', 'rgba(220,53,69,0.7)',
    'rgba(111,66,193,0.7)', 'rgba(13,202,240,0.7)', 'rgba(253,126,20,0.7)', 'rgba(108,117,125,0.6)'];
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: labels.map(function (d) { return 'week of ' + d; }),
      datasets: teams.map(function (team, i) {
        return {
          label: team,
          backgroundColor: colours[i % colours.length],
          data: labels.map(function (week) {
            var hit = weeks.find(function (w) { return w.team === team && w.week === week; });
            return hit ? hit.readers : 0;
          })
        };
      })
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
  });
}
